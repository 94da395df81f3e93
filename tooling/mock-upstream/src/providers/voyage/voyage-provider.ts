import {
  authenticateFastApiBearer,
  defaultFastApiErrorBody,
  fastApiError,
} from '../../core/fastapi-error.js';
import type { MockProvider } from '../../core/provider.js';
import { voyageEmbeddingsRoute } from './voyage-embeddings-route.js';
import { voyageRerankRoute } from './voyage-rerank-route.js';

/**
 * Voyage AI's API (`https://api.voyageai.com/v1`: `/embeddings`, `/rerank`) under the prefix
 * `/voyage/v1`: point a client at `${mock.url}/voyage/v1`. Errors are `{"detail"}`; authentication
 * a bearer key.
 */
export const voyageProvider: MockProvider = {
  name: 'voyage',
  pathPrefixes: ['/voyage/v1'],
  routes: [voyageEmbeddingsRoute, voyageRerankRoute],
  errorBody: defaultFastApiErrorBody,
  invalidJson: () => fastApiError(400, 'Invalid request: the body is not valid JSON.'),
  routeNotFound: () => fastApiError(404, 'Not Found'),
  authenticate: authenticateFastApiBearer,
  responseHeaders: () => ({}),
};
