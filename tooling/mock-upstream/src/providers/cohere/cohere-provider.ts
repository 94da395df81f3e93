import { deterministicUuid } from '../../core/deterministic-uuid.js';
import type { MockProvider } from '../../core/provider.js';
import { authenticateCohereRequest } from './authenticate-cohere-request.js';
import { cohereChatRoute } from './cohere-chat-route.js';
import { cohereEmbedRoute } from './cohere-embed-route.js';
import { cohereInvalidJson, cohereRouteNotFound, defaultCohereErrorBody } from './cohere-error.js';
import { cohereRerankRoute } from './cohere-rerank-route.js';

/** Cohere's v2 wire format: `POST /v2/chat` (JSON or SSE), `POST /v2/embed` and `POST /v2/rerank`. */
export const cohereProvider: MockProvider = {
  name: 'cohere',
  pathPrefixes: ['/v2'],
  routes: [cohereChatRoute, cohereEmbedRoute, cohereRerankRoute],
  errorBody: defaultCohereErrorBody,
  invalidJson: cohereInvalidJson,
  routeNotFound: cohereRouteNotFound,
  authenticate: authenticateCohereRequest,
  responseHeaders: (request) => ({
    'x-debug-trace-id': deterministicUuid(`trace:${request.id}`).replaceAll('-', ''),
  }),
  // A generation that fails after the stream started ends with `message-end`, finish reason ERROR
  // and the error text in `delta.error`.
  streamError: (context) => ({
    event: 'message-end',
    data: JSON.stringify({
      type: 'message-end',
      delta: { finish_reason: 'ERROR', error: defaultCohereErrorBody(context).message },
    }),
  }),
};
