import type { MockProvider } from '../../core/provider.js';
import { authenticateOpenAIRequest } from './authenticate-openai-request.js';
import { openAISpeechRoute, openAITranscriptionRoute } from './openai-audio-routes.js';
import { openAIChatCompletionsRoute } from './openai-chat-completions-route.js';
import { openAICompletionsRoute } from './openai-completions-route.js';
import { openAIEmbeddingsRoute } from './openai-embeddings-route.js';
import { defaultOpenAIErrorBody, openAIInvalidJson, openAIRouteNotFound } from './openai-error.js';
import { openAIImageGenerationsRoute } from './openai-images-route.js';
import { openAIListModelsRoute, openAIRetrieveModelRoute } from './openai-models-route.js';
import { openAIModerationsRoute } from './openai-moderations-route.js';
import { responsesRoutes } from './responses/responses-routes.js';

/** OpenAI's wire format, served with and without the `/v1` prefix. */
export const openAIProvider: MockProvider = {
  name: 'openai',
  // Databricks serves the same format under /serving-endpoints.
  pathPrefixes: ['/v1', '/serving-endpoints', ''],
  routes: [
    openAIChatCompletionsRoute,
    openAICompletionsRoute,
    ...responsesRoutes({ base: '/responses' }),
    openAIEmbeddingsRoute,
    openAIModerationsRoute,
    openAIImageGenerationsRoute,
    openAISpeechRoute,
    openAITranscriptionRoute,
    openAIListModelsRoute,
    openAIRetrieveModelRoute,
  ],
  errorBody: defaultOpenAIErrorBody,
  invalidJson: openAIInvalidJson,
  routeNotFound: openAIRouteNotFound,
  authenticate: authenticateOpenAIRequest,
  responseHeaders: (request) => ({
    'x-request-id': `req_mock${String(request.id).padStart(8, '0')}`,
    'openai-version': '2020-10-01',
  }),
  // OpenAI reports a failure after the stream started as a data frame holding its error envelope.
  streamError: (context) => ({ data: JSON.stringify(defaultOpenAIErrorBody(context)) }),
};
