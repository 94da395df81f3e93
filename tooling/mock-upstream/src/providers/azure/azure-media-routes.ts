import type { MockRoute, RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { answerSpeech, answerTranscription } from '../openai/openai-audio-routes.js';
import { buildImageGeneration } from '../openai/openai-images-route.js';
import { safeContentResults } from './azure-content-filter.js';
import { azureResourceNotFound } from './azure-error.js';

/** A deployment route: the model from the path, `api-version` required (Azure's 404 otherwise). */
function deploymentRoute(
  operation: string,
  answer: (context: RouteContext, deployment: string | undefined) => Promise<void> | void,
  rawBody = false,
): MockRoute {
  return {
    method: 'POST',
    path: `/deployments/:deployment/${operation}`,
    modelFromPath: (params) => params.deployment,
    ...(rawBody ? { rawBody } : {}),
    async handle(context) {
      if (!context.request.query['api-version']) {
        sendErrorReply(context, azureResourceNotFound());
        return;
      }
      await answer(context, context.params.deployment);
    },
  };
}

/** A v1-surface route (`/openai/v1/…`): the deployment is the body's `model`. */
function v1Route(
  operation: string,
  answer: (context: RouteContext, deployment: string | undefined) => Promise<void> | void,
  rawBody = false,
): MockRoute {
  return {
    method: 'POST',
    path: `/v1/${operation}`,
    ...(rawBody ? { rawBody } : {}),
    async handle(context) {
      await answer(context, undefined);
    },
  };
}

/**
 * Image generation as Azure answers it: OpenAI's `data`, each image with its content filter
 * verdicts and the prompt's (`content_filter_results`, `prompt_filter_results`).
 */
function answerImages(context: RouteContext): void {
  const images = buildImageGeneration(context.request.body);
  if (!images.ok) {
    sendErrorReply(context, images.error);
    return;
  }
  const data = images.data.map((image) => ({
    ...image,
    content_filter_results: safeContentResults(),
    prompt_filter_results: { ...safeContentResults(), jailbreak: { filtered: false, detected: false } },
  }));
  sendJson(context, 200, { created: 1_700_000_000, data });
}

/**
 * `images/generations`, `audio/speech` and `audio/transcriptions` (multipart; the `model` field is
 * optional on deployment URLs), on deployment URLs and on the v1 surface.
 */
export const azureMediaRoutes: MockRoute[] = [
  deploymentRoute('images/generations', answerImages),
  deploymentRoute('audio/speech', answerSpeech),
  deploymentRoute('audio/transcriptions', answerTranscription, true),
  v1Route('images/generations', answerImages),
  v1Route('audio/speech', answerSpeech),
  v1Route('audio/transcriptions', answerTranscription, true),
];
