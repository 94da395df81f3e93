import type { MockRoute, RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { buildOpenAIEmbeddings } from '../openai/openai-embeddings-route.js';
import { readOpenAIEmbeddingsRequest } from '../openai/read-openai-embeddings-request.js';
import { azureResourceNotFound } from './azure-error.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `POST /openai/deployments/{deployment}/embeddings?api-version=…`: OpenAI's body, the model from the path. */
export const azureDeploymentEmbeddingsRoute: MockRoute = {
  method: 'POST',
  path: '/deployments/:deployment/embeddings',
  modelFromPath: (params) => params.deployment,
  async handle(context) {
    if (!context.request.query['api-version']) {
      return sendErrorReply(context, azureResourceNotFound());
    }
    answerEmbeddings(context, context.params.deployment);
  },
};

/** `POST /openai/v1/embeddings`: the deployment as `model`. */
export const azureV1EmbeddingsRoute: MockRoute = {
  method: 'POST',
  path: '/v1/embeddings',
  async handle(context) {
    answerEmbeddings(context, undefined);
  },
};

function answerEmbeddings(context: RouteContext, deployment: string | undefined): void {
  const body = context.request.body;
  const parsed = readOpenAIEmbeddingsRequest(
    deployment !== undefined && isObject(body) ? { ...body, model: deployment } : body,
  );
  if (parsed.ok) {
    sendJson(context, 200, buildOpenAIEmbeddings(parsed.request, context.rule?.respond?.model));
  } else {
    sendErrorReply(context, parsed.error);
  }
}
