import type { MockProvider } from '../../core/provider.js';
import { authenticateBedrockRequest } from './authenticate-bedrock-request.js';
import { bedrockConverseRoute, bedrockConverseStreamRoute } from './bedrock-converse-route.js';
import {
  bedrockErrorHeaders,
  bedrockInvalidJson,
  bedrockRouteNotFound,
  defaultBedrockErrorBody,
} from './bedrock-error.js';
import { bedrockInvokeRoute } from './bedrock-invoke-route.js';
import { bedrockRerankRoute } from './bedrock-rerank-route.js';

/** A request id shaped like Bedrock's (a UUID), the same for the same request number. */
function requestId(id: number): string {
  const hex = id.toString(16).padStart(12, '0');
  return `b3d70c4e-0000-4000-8000-${hex}`;
}

/**
 * Amazon Bedrock Runtime's wire format: Converse (JSON), ConverseStream (binary AWS event stream)
 * and InvokeModel for embeddings, under `/model/{modelId}/…` with the model id URL-encoded, plus
 * Bedrock Agent Runtime's `POST /rerank` (same signing service, `bedrock`)
 * (`match.model` and `requestCount(model)` see it decoded). Errors are `{"message"}` with the type
 * in `x-amzn-errortype`; authentication is a Bedrock API key or a verified SigV4 signature.
 */
export const bedrockProvider: MockProvider = {
  name: 'bedrock',
  pathPrefixes: [''],
  routes: [bedrockConverseRoute, bedrockConverseStreamRoute, bedrockInvokeRoute, bedrockRerankRoute],
  errorBody: defaultBedrockErrorBody,
  errorHeaders: bedrockErrorHeaders,
  invalidJson: bedrockInvalidJson,
  routeNotFound: bedrockRouteNotFound,
  authenticate: authenticateBedrockRequest,
  responseHeaders: (request) => ({ 'x-amzn-requestid': requestId(request.id) }),
};
