import {
  authenticateFastApiBearer,
  defaultFastApiErrorBody,
  fastApiError,
} from '../../core/fastapi-error.js';
import type { MockProvider } from '../../core/provider.js';
import { jinaEmbeddingsRoute } from './jina-embeddings-route.js';
import { jinaRerankRoute } from './jina-rerank-route.js';

/**
 * Jina AI's API (`https://api.jina.ai/v1`: `/embeddings`, `/rerank`) under the prefix `/jina/v1`,
 * so its paths do not collide with OpenAI's: point a client at `${mock.url}/jina/v1`. Errors are
 * FastAPI's `{"detail"}`; authentication a bearer key.
 */
export const jinaProvider: MockProvider = {
  name: 'jina_ai',
  pathPrefixes: ['/jina/v1'],
  routes: [jinaEmbeddingsRoute, jinaRerankRoute],
  errorBody: defaultFastApiErrorBody,
  invalidJson: () => fastApiError(400, 'There was an error parsing the body'),
  routeNotFound: () => fastApiError(404, 'Not Found'),
  authenticate: authenticateFastApiBearer,
  responseHeaders: () => ({}),
};
