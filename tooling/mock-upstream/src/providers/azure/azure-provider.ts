import { deterministicId } from '../../core/deterministic-random.js';
import type { MockProvider } from '../../core/provider.js';
import { openAIInvalidJson } from '../openai/openai-error.js';
import { responsesRoutes } from '../openai/responses/responses-routes.js';
import { authenticateAzureRequest } from './authenticate-azure-request.js';
import {
  azureDeploymentChatCompletionsRoute,
  azureV1ChatCompletionsRoute,
} from './azure-chat-completions-route.js';
import { azureDeploymentCompletionsRoute, azureV1CompletionsRoute } from './azure-completions-route.js';
import { azureDeploymentEmbeddingsRoute, azureV1EmbeddingsRoute } from './azure-embeddings-route.js';
import { azureResourceNotFound, defaultAzureErrorBody } from './azure-error.js';
import { azureMediaRoutes } from './azure-media-routes.js';

/**
 * Azure OpenAI's wire format under `/openai`: deployment URLs (`/openai/deployments/{deployment}/…`
 * with `api-version`), the v1 surface (`/openai/v1/…`) and the Responses API in both its forms.
 * Bodies are OpenAI's, plus content filter verdicts; auth is an `api-key` header or an Entra ID
 * bearer token.
 */
export const azureProvider: MockProvider = {
  name: 'azure',
  pathPrefixes: ['/openai'],
  routes: [
    azureDeploymentChatCompletionsRoute,
    azureDeploymentEmbeddingsRoute,
    azureV1ChatCompletionsRoute,
    azureV1EmbeddingsRoute,
    azureDeploymentCompletionsRoute,
    azureV1CompletionsRoute,
    // The Responses API: `/openai/v1/responses…`, and the preview form `/openai/responses…?api-version=`.
    ...responsesRoutes({ base: '/v1/responses' }),
    ...responsesRoutes({
      base: '/responses',
      requiredQuery: { name: 'api-version', missing: azureResourceNotFound },
    }),
    ...azureMediaRoutes,
  ],
  errorBody: defaultAzureErrorBody,
  invalidJson: openAIInvalidJson,
  routeNotFound: () => azureResourceNotFound(),
  authenticate: authenticateAzureRequest,
  responseHeaders: (request) => {
    const id = deterministicId('', `azure-request:${request.id}`, 32).toLowerCase();
    const requestId = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    return { 'apim-request-id': requestId, 'x-request-id': requestId, 'x-ms-region': 'East US' };
  },
  // A failure after the stream started arrives as a data frame holding the error envelope.
  streamError: (context) => ({ data: JSON.stringify(defaultAzureErrorBody(context)) }),
};
