import { deterministicUuid } from '../../core/deterministic-uuid.js';
import type { ErrorBodyContext, ErrorReply } from '../../core/provider.js';

/** Cohere's error body: `{"id": "...", "message": "..."}` (the id is a trace id, not always sent). */
export interface CohereErrorBody {
  id?: string;
  message: string;
}

export function cohereError(
  status: number,
  message: string,
  seed?: string,
): ErrorReply & { body: CohereErrorBody } {
  return { status, body: seed === undefined ? { message } : { id: deterministicUuid(seed), message } };
}

/** The body Cohere sends for a status, used when a rule scripts a status without a body. */
export function defaultCohereErrorBody(context: ErrorBodyContext): CohereErrorBody {
  const model = context.model ?? 'command-a-03-2025';
  const seed = `error:${context.status}:${context.path}`;
  return cohereError(context.status, defaultMessage(context.status, model), seed).body;
}

function defaultMessage(status: number, model: string): string {
  switch (status) {
    case 400:
      return 'invalid request: the mock upstream was scripted to reject it with a 400.';
    case 401:
      return 'invalid api token';
    case 402:
      return 'Please add a payment method to continue using the API.';
    case 403:
      return 'Forbidden: this API key does not have access to the requested resource.';
    case 404:
      return `model '${model}' not found, make sure the correct model ID was used and that you have access to the model.`;
    case 422:
      return 'unprocessable entity: the mock upstream was scripted to fail with a 422.';
    case 429:
      return "You are using a Trial key, which is limited to 20 API calls / minute. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits at 'https://dashboard.cohere.com/api-keys'. Contact us on 'https://discord.gg/XW44jPfYJu' or email us at support@cohere.com with any questions";
    case 498:
      return 'invalid api token';
    case 499:
      return 'request cancelled';
    case 500:
      return 'internal server error, this has been reported to our developers.';
    case 503:
      return 'service unavailable: the model is overloaded, please try again later.';
    default:
      return `The mock upstream was scripted to fail with status ${status}.`;
  }
}

export function cohereInvalidJson(): ErrorReply {
  return cohereError(400, 'invalid request: the request body is not valid JSON.');
}

export function cohereRouteNotFound(method: string, path: string): ErrorReply {
  return cohereError(404, `404 page not found: ${method} ${path}`);
}
