import type { ErrorReply, MockProvider } from '../../core/provider.js';
import { defaultVllmErrorBody, vllmError } from './vllm-error.js';
import { vllmRerankRoutes } from './vllm-rerank-route.js';

/** vLLM started with `--api-key`: any other bearer key is a 401 `{"error": "Unauthorized"}`. */
function authenticateVllmRequest(
  headers: Record<string, string>,
  apiKeys: readonly string[],
): ErrorReply | undefined {
  const key = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
  return key !== undefined && apiKeys.includes(key)
    ? undefined
    : { status: 401, body: { error: 'Unauthorized' } };
}

/**
 * A vLLM server's own routes beside its OpenAI-compatible ones (rerank), under the prefix `/vllm`
 * (the server root): point a client at `${mock.url}/vllm/v1`.
 */
export const vllmProvider: MockProvider = {
  name: 'hosted_vllm',
  pathPrefixes: ['/vllm'],
  routes: vllmRerankRoutes,
  errorBody: defaultVllmErrorBody,
  invalidJson: () => vllmError(400, 'The request body is not valid JSON.'),
  routeNotFound: () => ({ status: 404, body: { detail: 'Not Found' } }),
  authenticate: authenticateVllmRequest,
  responseHeaders: () => ({}),
};
