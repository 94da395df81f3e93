import type { ErrorBodyContext, ErrorReply } from '../../core/provider.js';
import { openAIError } from '../openai/openai-error.js';
import { type AzureContentFilterResults, filteredContentResults } from './azure-content-filter.js';

/**
 * Azure's own error envelope, sent by its gateway (auth, quota, routing): `code` is a string,
 * often the status itself (`"401"`, `"429"`), and there is no `type`. Errors from the model
 * service behind it (validation, context length, content filter) use OpenAI's envelope instead.
 */
export interface AzureGatewayErrorBody {
  error: { code: string; message: string };
}

/** Azure's content filter refusal of a prompt: OpenAI's envelope plus the filter verdicts. */
export interface AzureContentFilterErrorBody {
  error: {
    message: string;
    type: null;
    param: string;
    code: 'content_filter';
    status: 400;
    innererror: { code: 'ResponsibleAIPolicyViolation'; content_filter_result: AzureContentFilterResults };
  };
}

export function azureGatewayError(status: number, code: string, message: string): ErrorReply {
  const body: AzureGatewayErrorBody = { error: { code, message } };
  return { status, body };
}

const accessDenied =
  'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.';

/** The 401 for a missing or wrong `api-key` header. */
export function azureAccessDenied(): ErrorReply {
  return azureGatewayError(401, '401', accessDenied);
}

/** The 401 for an Entra ID bearer token the resource does not accept. */
export function azureInvalidToken(): ErrorReply {
  return azureGatewayError(
    401,
    '401',
    'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.',
  );
}

/** What Azure answers for an unknown path or a deployment URL without `api-version`. */
export function azureResourceNotFound(): ErrorReply {
  return azureGatewayError(404, '404', 'Resource not found');
}

/** The body Azure sends when its content filter refuses the prompt (a 400, `code: content_filter`). */
export function azureContentFilterErrorBody(): AzureContentFilterErrorBody {
  return {
    error: {
      message:
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
      type: null,
      param: 'prompt',
      code: 'content_filter',
      status: 400,
      innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: filteredContentResults() },
    },
  };
}

function operationOf(path: string): string {
  return path.endsWith('/embeddings') ? 'Embeddings_Create' : 'ChatCompletions_Create';
}

/** The body Azure sends for a status, used when a rule scripts a status without a body. */
export function defaultAzureErrorBody(context: ErrorBodyContext): unknown {
  switch (context.status) {
    case 401:
      return azureAccessDenied().body;
    case 403:
      return azureGatewayError(403, '403', 'Access denied due to Virtual Network/Firewall rules.').body;
    case 404:
      return azureGatewayError(
        404,
        'DeploymentNotFound',
        'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
      ).body;
    case 408:
      return azureGatewayError(408, 'Timeout', 'The operation was timeout.').body;
    case 429:
      return azureGatewayError(
        429,
        '429',
        `Requests to the ${operationOf(context.path)} Operation under Azure OpenAI API have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 20 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
      ).body;
    case 503:
      return azureGatewayError(
        503,
        'ServiceUnavailable',
        'The service is temporarily unable to process your request. Please try again later.',
      ).body;
    default:
      return openAIError(
        context.status,
        context.status === 500
          ? 'The server had an error while processing your request. Sorry about that!'
          : `The mock upstream was scripted to fail with status ${context.status}.`,
      ).body;
  }
}
