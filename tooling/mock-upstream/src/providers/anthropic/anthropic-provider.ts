import type { MockProvider } from '../../core/provider.js';
import { anthropicCountTokensRoute } from './anthropic-count-tokens-route.js';
import {
  anthropicInvalidJson,
  anthropicRouteNotFound,
  defaultAnthropicErrorBody,
} from './anthropic-error.js';
import { anthropicMessagesRoute } from './anthropic-messages-route.js';
import { authenticateAnthropicRequest } from './authenticate-anthropic-request.js';

/** Anthropic's Messages API (`x-api-key`, `anthropic-version`), served under `/v1`. */
export const anthropicProvider: MockProvider = {
  name: 'anthropic',
  pathPrefixes: ['/v1'],
  routes: [anthropicMessagesRoute, anthropicCountTokensRoute],
  errorBody: defaultAnthropicErrorBody,
  invalidJson: anthropicInvalidJson,
  routeNotFound: anthropicRouteNotFound,
  authenticate: authenticateAnthropicRequest,
  responseHeaders: (request) => ({ 'request-id': `req_mock${String(request.id).padStart(20, '0')}` }),
  // A failure after the stream started is an `event: error` carrying the error envelope.
  streamError: (context) => ({
    event: 'error',
    data: JSON.stringify({ ...defaultAnthropicErrorBody(context), type: 'error' }),
  }),
};
