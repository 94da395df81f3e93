import type { ErrorBodyContext, ErrorReply } from '../../core/provider.js';

/** Bedrock's error body: the message only; the error type travels in `x-amzn-errortype`. */
export interface BedrockErrorBody {
  message: string;
}

const errorTypeByStatus: Record<number, string> = {
  400: 'ValidationException',
  401: 'UnrecognizedClientException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
};

const defaultMessages: Record<string, string> = {
  ValidationException: 'Malformed input request, please reformat your input and try again.',
  UnrecognizedClientException: 'The security token included in the request is invalid.',
  AccessDeniedException: "You don't have access to the model with the specified model ID.",
  ResourceNotFoundException: 'The specified model was not found. Check the model identifier and try again.',
  ModelTimeoutException: 'Model has timed out in processing the request. Try your request again.',
  ModelErrorException: 'The model returned an error while processing the request.',
  ThrottlingException: 'Too many requests, please wait before trying again.',
  InternalServerException: 'The server encountered an internal error while processing the request.',
  ServiceUnavailableException: 'Bedrock is unable to process your request.',
};

/** The error type Bedrock names for a status (unknown statuses are internal errors). */
export function bedrockErrorType(status: number): string {
  return errorTypeByStatus[status] ?? (status < 500 ? 'ValidationException' : 'InternalServerException');
}

/** `x-amzn-errortype` as Bedrock sends it: the type, then the Coral namespace after a colon. */
export function bedrockErrorTypeHeader(type: string): Record<string, string> {
  return { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` };
}

export function bedrockError(
  status: number,
  type: string,
  message: string,
): ErrorReply & { body: BedrockErrorBody } {
  return { status, body: { message }, headers: bedrockErrorTypeHeader(type) };
}

/** A `ValidationException` (400), Bedrock's answer to any malformed request. */
export function bedrockValidationError(message: string): ErrorReply & { body: BedrockErrorBody } {
  return bedrockError(400, 'ValidationException', message);
}

export function defaultBedrockErrorBody(context: ErrorBodyContext): BedrockErrorBody {
  const type = bedrockErrorType(context.status);
  return {
    message: defaultMessages[type] ?? `The mock upstream was scripted to fail with ${context.status}.`,
  };
}

export function bedrockErrorHeaders(context: ErrorBodyContext): Record<string, string> {
  return bedrockErrorTypeHeader(bedrockErrorType(context.status));
}

export function bedrockInvalidJson(): ErrorReply {
  return bedrockError(400, 'SerializationException', 'Unable to parse the request body as JSON.');
}

export function bedrockRouteNotFound(method: string, path: string): ErrorReply {
  return bedrockError(404, 'UnknownOperationException', `Unknown operation: ${method} ${path}`);
}

/** The exception a stream carries for a status: `:exception-type` (lowerCamelCase) and its message. */
export function bedrockStreamException(status: number): { exceptionType: string; message: string } {
  const type = status === 424 ? 'ModelStreamErrorException' : bedrockErrorType(status);
  const message =
    defaultMessages[type] ?? 'An error occurred while streaming the response. Retry your request.';
  return { exceptionType: `${type.charAt(0).toLowerCase()}${type.slice(1)}`, message };
}
