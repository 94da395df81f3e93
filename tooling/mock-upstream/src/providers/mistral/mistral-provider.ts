import { deterministicId } from '../../core/deterministic-random.js';
import type { MockProvider } from '../../core/provider.js';
import { authenticateMistralRequest } from './authenticate-mistral-request.js';
import { mistralChatCompletionsRoute } from './mistral-chat-completions-route.js';
import { mistralEmbeddingsRoute } from './mistral-embeddings-route.js';
import { defaultMistralErrorBody, mistralInvalidJson, mistralRouteNotFound } from './mistral-error.js';

/**
 * Mistral's wire format. Its paths equal OpenAI's (`/v1/chat/completions`, `/v1/embeddings`), so the
 * mock serves it under its own prefix: point a Mistral client at `${mock.url}/mistral/v1`.
 */
export const mistralProvider: MockProvider = {
  name: 'mistral',
  pathPrefixes: ['/mistral/v1'],
  routes: [mistralChatCompletionsRoute, mistralEmbeddingsRoute],
  errorBody: defaultMistralErrorBody,
  invalidJson: mistralInvalidJson,
  routeNotFound: mistralRouteNotFound,
  authenticate: authenticateMistralRequest,
  responseHeaders: (request) => {
    const id = deterministicId('', `correlation:${request.id}`, 26).toLowerCase();
    return { 'mistral-correlation-id': id, 'x-kong-request-id': id };
  },
};
