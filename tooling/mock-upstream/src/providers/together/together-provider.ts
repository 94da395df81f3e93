import { deterministicUuid } from '../../core/deterministic-uuid.js';
import type { MockProvider } from '../../core/provider.js';
import { authenticateOpenAIRequest } from '../openai/authenticate-openai-request.js';
import { defaultOpenAIErrorBody, openAIInvalidJson, openAIRouteNotFound } from '../openai/openai-error.js';
import { togetherRerankRoute } from './together-rerank-route.js';

/**
 * Together AI's own endpoints beside its OpenAI-compatible ones (`/v1/rerank`), under the prefix
 * `/together/v1` so they do not collide with OpenAI's paths: point a client at `${mock.url}/together/v1`.
 * Errors and authentication are OpenAI's.
 */
export const togetherProvider: MockProvider = {
  name: 'together_ai',
  pathPrefixes: ['/together/v1'],
  routes: [togetherRerankRoute],
  errorBody: defaultOpenAIErrorBody,
  invalidJson: openAIInvalidJson,
  routeNotFound: openAIRouteNotFound,
  authenticate: authenticateOpenAIRequest,
  responseHeaders: (request) => ({ 'x-request-id': deterministicUuid(`together:${request.id}`) }),
};
