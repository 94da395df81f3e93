// Anthropic Messages API wire types (https://docs.claude.com/en/api/messages), as far as Switchyard
// writes or reads them. Requests are built exactly; responses and stream events are read leniently
// (anything may be missing or new), so their fields are optional where the API could omit them.

export type AnthropicCacheControl = { type: string; ttl?: string };

export interface AnthropicTextBlock {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl;
  [field: string]: unknown;
}

export type AnthropicImageSource =
  | { type: 'base64'; media_type: string; data: string }
  | { type: 'url'; url: string }
  | { type: 'file'; file_id: string };

export interface AnthropicImageBlock {
  type: 'image';
  source: AnthropicImageSource;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicDocumentSource =
  | { type: 'base64'; media_type: 'application/pdf'; data: string }
  | { type: 'text'; media_type: 'text/plain'; data: string }
  | { type: 'url'; url: string }
  | { type: 'file'; file_id: string };

export interface AnthropicDocumentBlock {
  type: 'document';
  source: AnthropicDocumentSource;
  title?: string;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string | Array<AnthropicTextBlock | AnthropicImageBlock>;
  is_error?: boolean;
  cache_control?: AnthropicCacheControl;
}

/** Extended thinking; the signature must come back unchanged with the next request. */
export interface AnthropicThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface AnthropicRedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export type AnthropicContentBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock;

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: string | AnthropicContentBlock[];
}

/** A client tool; server tools (`web_search_…`, `bash_…`) keep their own shape and pass through. */
export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  strict?: boolean;
  cache_control?: AnthropicCacheControl;
  [field: string]: unknown;
}

export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export type AnthropicThinkingConfig =
  | { type: 'enabled'; budget_tokens: number }
  | { type: 'adaptive' }
  | { type: 'disabled' };

export interface AnthropicOutputConfig {
  /** Native structured output (GA; older models need the forced-tool fallback). */
  format?: { type: 'json_schema'; schema: Record<string, unknown> };
  /** `low` … `max`; with adaptive thinking it guides how much Claude thinks. */
  effort?: string;
  [field: string]: unknown;
}

/** The body of `POST /v1/messages`. Fields Switchyard does not know are forwarded as given. */
export interface AnthropicMessagesRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: string | AnthropicTextBlock[];
  stream?: boolean;
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
  metadata?: { user_id?: string };
  tools?: Array<AnthropicTool | Record<string, unknown>>;
  tool_choice?: AnthropicToolChoice;
  thinking?: AnthropicThinkingConfig | Record<string, unknown>;
  output_config?: AnthropicOutputConfig;
  service_tier?: string;
  [field: string]: unknown;
}

/** `usage` of a message; every count may be missing in a stream event that does not carry it. */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  /** How many output tokens were thinking (since May 2026; in a stream, on the final `message_delta`). */
  output_tokens_details?: { thinking_tokens?: number | null; [field: string]: unknown } | null;
  [field: string]: unknown;
}

/** A content block of an answer (`text`, `thinking`, `tool_use`, …, or a type added later). */
export interface AnthropicResponseBlock {
  type: string;
  text?: string;
  thinking?: string;
  signature?: string;
  data?: string;
  id?: string;
  name?: string;
  input?: unknown;
  [field: string]: unknown;
}

/** The answer of `POST /v1/messages` (and `message_start`'s `message`). */
export interface AnthropicMessagesResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicResponseBlock[];
  stop_reason: string | null;
  stop_sequence?: string | null;
  usage?: AnthropicUsage;
  [field: string]: unknown;
}

/** Anthropic's error envelope, in an HTTP body or an `event: error` of a stream. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id?: string;
}
