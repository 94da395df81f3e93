import type { MockProvider } from '../../core/provider.js';
import { authenticateGeminiRequest, authenticateVertexRequest } from './authenticate-google-request.js';
import { geminiModelRoute, vertexModelRoute } from './gemini-model-route.js';
import {
  defaultGoogleErrorBody,
  googleInvalidJson,
  googleRouteNotFound,
  googleStreamError,
} from './google-error.js';
import { googleOAuthProvider } from './google-token-route.js';

const googleHeaders = () => ({
  server: 'scaffolding on HTTPServer2',
  vary: 'Origin, X-Origin, Referer',
  'x-content-type-options': 'nosniff',
});

/** The Gemini API (Google AI Studio, generativelanguage.googleapis.com), `v1beta` and `v1`. */
export const geminiProvider: MockProvider = {
  name: 'gemini',
  pathPrefixes: ['/v1beta', '/v1'],
  routes: [geminiModelRoute],
  errorBody: defaultGoogleErrorBody,
  invalidJson: googleInvalidJson,
  routeNotFound: googleRouteNotFound,
  authenticate: authenticateGeminiRequest,
  responseHeaders: googleHeaders,
  streamError: googleStreamError,
};

/** Gemini on Vertex AI ({location}-aiplatform.googleapis.com), OAuth2 bearer tokens. */
export const vertexProvider: MockProvider = {
  name: 'vertex_ai',
  pathPrefixes: ['/v1', '/v1beta1'],
  routes: [vertexModelRoute],
  errorBody: defaultGoogleErrorBody,
  invalidJson: googleInvalidJson,
  routeNotFound: googleRouteNotFound,
  authenticate: authenticateVertexRequest,
  responseHeaders: googleHeaders,
  streamError: googleStreamError,
};

/** Gemini, Vertex AI and the OAuth token endpoint Vertex credentials are exchanged at. */
export const geminiProviders: readonly MockProvider[] = [geminiProvider, vertexProvider, googleOAuthProvider];
