import {
  type ChatRequest,
  type EmbeddingRequest,
  encodeMultipart,
  handleUnsupportedParams,
  type TranscriptionRequest,
} from '@switchyard/core';
import { prepareOpenAIChatBody } from '@switchyard/openai';
import { type AzureApiSurface, isOlderThan } from './azure-api-version.js';

export interface AzureChatBodyOptions {
  provider: string;
  deployment: string;
  surface: AzureApiSurface;
  /** Whether the call streams (`Provider.stream`), whatever the request's own `stream` says. */
  stream: boolean;
  dropParams: boolean;
}

/**
 * Request fields the configured api version cannot take (litellm's Azure gates): `tool_choice`
 * before 2023-12-01-preview, `tool_choice: "required"` before 2024-06-01, and structured output
 * (`response_format: json_schema`) before 2024-08-01-preview.
 */
export function unsupportedForVersion(request: ChatRequest, surface: AzureApiSurface): string[] {
  const unsupported: string[] = [];
  const toolChoice = request.tool_choice;
  if (
    toolChoice !== undefined &&
    (isOlderThan(surface, '2023-12-01') || (toolChoice === 'required' && isOlderThan(surface, '2024-06-01')))
  ) {
    unsupported.push('tool_choice');
  }
  if (request.response_format?.type === 'json_schema' && isOlderThan(surface, '2024-08-01')) {
    unsupported.push('response_format');
  }
  return unsupported;
}

/**
 * The chat completions body: OpenAI's (Switchyard's extras removed), the deployment as `model`
 * (ignored on deployment URLs, required on the v1 surface), streaming as the call asks.
 * `stream_options` is left out before 2024-09-01-preview, which rejects it: the gateway always
 * asks for usage, and an old version must not make every stream fail.
 */
export function prepareAzureChatBody(request: ChatRequest, options: AzureChatBodyOptions): ChatRequest {
  const checked = handleUnsupportedParams(request, {
    provider: options.provider,
    model: options.deployment,
    unsupported: unsupportedForVersion(request, options.surface),
    dropParams: options.dropParams,
  });
  const { stream: _stream, stream_options: streamOptions, ...rest } = prepareOpenAIChatBody(checked);
  const body: ChatRequest = { ...rest, model: options.deployment };
  if (!options.stream) return body;
  body.stream = true;
  if (streamOptions && !isOlderThan(options.surface, '2024-09-01')) body.stream_options = streamOptions;
  return body;
}

/** The embeddings body: OpenAI's, the deployment as `model`. */
export function prepareAzureEmbeddingBody(request: EmbeddingRequest, deployment: string): EmbeddingRequest {
  return { ...request, model: deployment };
}

/**
 * An image generation or speech body: OpenAI's, the deployment as `model` (ignored on deployment
 * URLs, which name it in the path; required on the v1 surface).
 */
export function prepareAzureMediaBody<T extends { model: string }>(request: T, deployment: string): T {
  return { ...request, model: deployment };
}

/**
 * A transcription as the multipart form Azure takes: the uploaded file, the other fields as sent,
 * and the deployment as `model` (optional on deployment URLs, required on the v1 surface).
 */
export function prepareAzureTranscriptionForm(
  request: TranscriptionRequest,
  deployment: string,
): { body: Uint8Array; contentType: string } {
  return encodeMultipart({ ...request.fields, model: deployment }, { name: 'file', ...request.file });
}
