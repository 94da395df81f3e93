import type { MockRoute, RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { BedrockEventStream } from './bedrock-event-stream.js';
import { buildConverseResponse } from './build-converse-response.js';
import { buildConverseStreamEvents } from './build-converse-stream-events.js';
import { type ConversePlan, planConverseReply } from './plan-converse-reply.js';
import { readConverseRequest } from './read-converse-request.js';

const exceptionStatus: Record<string, number> = {
  throttlingException: 429,
  validationException: 400,
  modelStreamErrorException: 424,
  serviceUnavailableException: 503,
  internalServerException: 500,
};

function plan(context: RouteContext): ConversePlan | undefined {
  const parsed = readConverseRequest(context.request.body);
  if (!parsed.ok) {
    sendErrorReply(context, parsed.error);
    return undefined;
  }
  return planConverseReply({
    request: parsed.request,
    respond: context.rule?.respond,
    seed: String(context.request.id),
  });
}

/** `POST /model/{modelId}/converse`: one JSON ConverseResponse. */
export const bedrockConverseRoute: MockRoute = {
  method: 'POST',
  path: '/model/:modelId/converse',
  modelFromPath: (params) => params.modelId,
  async handle(context) {
    const reply = plan(context);
    if (reply !== undefined) {
      sendJson(context, 200, buildConverseResponse(reply));
    }
  },
};

/** `POST /model/{modelId}/converse-stream`: the same answer as binary event stream messages. */
export const bedrockConverseStreamRoute: MockRoute = {
  method: 'POST',
  path: '/model/:modelId/converse-stream',
  modelFromPath: (params) => params.modelId,
  async handle(context) {
    const reply = plan(context);
    if (reply === undefined) {
      return;
    }
    const stream = new BedrockEventStream(context);
    stream.open();
    for (const event of buildConverseStreamEvents(reply)) {
      if (!(await stream.send(event.type, event.payload))) {
        return;
      }
    }
    if (reply.streamException !== undefined) {
      await stream.fail(exceptionStatus[reply.streamException] ?? 500, reply.streamException);
      return;
    }
    stream.end();
  },
};
