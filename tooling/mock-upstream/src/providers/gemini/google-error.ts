import type { EventStreamFrame } from '../../core/event-stream.js';
import type { ErrorBodyContext, ErrorReply } from '../../core/provider.js';

/** Google's error envelope (google.rpc.Status as JSON), as the Gemini and Vertex AI APIs send it. */
export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: unknown[] };
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The canonical google.rpc code name for an HTTP status. */
export function googleStatusName(status: number): string {
  return statusNames[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}

export function googleError(
  status: number,
  message: string,
  details?: unknown[],
): ErrorReply & { body: GoogleErrorBody } {
  return {
    status,
    body: {
      error: {
        code: status,
        message,
        status: googleStatusName(status),
        ...(details === undefined ? {} : { details }),
      },
    },
  };
}

/** `Invalid JSON payload received. Unknown name "x" at 'path': Cannot find field.` (proto parsing). */
export function unknownFieldError(name: string, at: string | undefined): ErrorReply {
  const where = at === undefined ? '' : ` at '${at}'`;
  return googleError(
    400,
    `Invalid JSON payload received. Unknown name "${name}"${where}: Cannot find field.`,
    [
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [
          {
            field: at ?? '',
            description: `Invalid JSON payload received. Unknown name "${name}"${where}: Cannot find field.`,
          },
        ],
      },
    ],
  );
}

const apiKeyInvalidDetails = [
  {
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason: 'API_KEY_INVALID',
    domain: 'googleapis.com',
    metadata: { service: 'generativelanguage.googleapis.com' },
  },
  {
    '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
    locale: 'en-US',
    message: 'API key not valid. Please pass a valid API key.',
  },
];

/** AI Studio's answer to a wrong key: a 400, not a 401. */
export function apiKeyInvalidError(): ErrorReply {
  return googleError(400, 'API key not valid. Please pass a valid API key.', apiKeyInvalidDetails);
}

export const UNAUTHENTICATED_MESSAGE =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

const isVertexPath = (path: string) => path.includes('/publishers/');
const versionPrefix = /^\/v1(beta1)?\//;
const methodSuffix = /:[^/]*$/;

function notFoundMessage(context: ErrorBodyContext, model: string): string {
  if (isVertexPath(context.path)) {
    const resource = context.path.replace(versionPrefix, '').replace(methodSuffix, '');
    return `Publisher Model \`${resource}\` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions`;
  }
  return `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`;
}

/** The body Gemini / Vertex AI send for a status, used when a rule scripts a status without a body. */
export function defaultGoogleErrorBody(context: ErrorBodyContext): GoogleErrorBody {
  const model = context.model ?? 'gemini-2.0-flash';
  switch (context.status) {
    case 400:
      return googleError(400, 'Request contains an invalid argument.').body;
    case 401:
      return googleError(401, UNAUTHENTICATED_MESSAGE).body;
    case 403:
      return googleError(
        403,
        isVertexPath(context.path)
          ? `Permission 'aiplatform.endpoints.predict' denied on resource (or it may not exist).`
          : "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      ).body;
    case 404:
      return googleError(404, notFoundMessage(context, model)).body;
    case 429:
      return googleError(
        429,
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
      ).body;
    case 500:
      return googleError(
        500,
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      ).body;
    case 503:
      return googleError(503, 'The model is overloaded. Please try again later.').body;
    case 504:
      return googleError(504, 'Deadline expired before operation could complete.').body;
    default:
      return googleError(context.status, `The mock upstream was scripted to answer ${context.status}.`).body;
  }
}

/** With `alt=sse`, a stream that fails after it started carries the error object as a data frame. */
export function googleStreamError(context: ErrorBodyContext): EventStreamFrame {
  return { data: JSON.stringify(defaultGoogleErrorBody(context)) };
}

export function googleInvalidJson(): ErrorReply {
  return googleError(400, 'Invalid JSON payload received. Unexpected token.');
}

export function googleRouteNotFound(method: string, path: string): ErrorReply {
  return googleError(404, `Method not found: ${method} ${path}.`);
}
