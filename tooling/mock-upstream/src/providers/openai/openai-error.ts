import type { ErrorBodyContext, ErrorReply } from '../../core/provider.js';

/** OpenAI's error envelope, as the API sends it. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAIError(
  status: number,
  message: string,
  options: { type?: string; param?: string | null; code?: string | null } = {},
): ErrorReply & { body: OpenAIErrorBody } {
  return {
    status,
    body: {
      error: {
        message,
        type: options.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
        param: options.param ?? null,
        code: options.code ?? null,
      },
    },
  };
}

/** The body OpenAI sends for a status, used when a rule scripts a status without a body. */
export function defaultOpenAIErrorBody(context: ErrorBodyContext): OpenAIErrorBody {
  const model = context.model ?? 'gpt-4o-mini';
  switch (context.status) {
    case 400:
      return openAIError(400, 'Invalid request: the mock upstream was scripted to reject it with a 400.')
        .body;
    case 401:
      return openAIError(
        401,
        'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
        { code: 'invalid_api_key' },
      ).body;
    case 403:
      return openAIError(403, 'Country, region, or territory not supported', {
        type: 'request_forbidden',
        code: 'unsupported_country_region_territory',
      }).body;
    case 404:
      return openAIError(404, `The model \`${model}\` does not exist or you do not have access to it.`, {
        code: 'model_not_found',
      }).body;
    case 429:
      return openAIError(
        429,
        `Rate limit reached for ${model} in organization org-mockupstream on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        { type: 'requests', code: 'rate_limit_exceeded' },
      ).body;
    case 500:
      return openAIError(500, 'The server had an error while processing your request. Sorry about that!')
        .body;
    case 503:
      return openAIError(503, 'The engine is currently overloaded, please try again later').body;
    default:
      return openAIError(
        context.status,
        `The mock upstream was scripted to fail with status ${context.status}.`,
      ).body;
  }
}

export function openAIInvalidJson(): ErrorReply {
  return openAIError(
    400,
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
  );
}

export function openAIRouteNotFound(method: string, path: string): ErrorReply {
  return openAIError(404, `Invalid URL (${method} ${path})`);
}
