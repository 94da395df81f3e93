/** What a scripted rule makes the mock answer instead of (or on top of) its default reply. */
export interface MockRuleResponse {
  /** Assistant text; defaults to a deterministic reply derived from the request. */
  content?: string;
  /**
   * Reasoning text, for providers that return it (Anthropic: a `thinking` block, sent when the
   * request enables thinking or this is set).
   */
  reasoning?: string;
  /** Tool calls to answer with (finish reason becomes the provider's "tool calls" reason). */
  toolCalls?: Array<{ name: string; arguments: string }>;
  /** Finish reason in the provider's own vocabulary (OpenAI: stop, length, tool_calls, content_filter). */
  finishReason?: string;
  /**
   * Token usage to report instead of the deterministic word counts, in OpenAI's terms whatever the
   * provider: `prompt_tokens` includes `cached_tokens`, `completion_tokens` includes
   * `reasoning_tokens`. Each provider's mock converts it to its own wire semantics (Anthropic's
   * input_tokens excludes cache reads, Gemini's thoughts are separate, …), so a correct adapter
   * normalises it back to exactly these numbers.
   */
  usage?: {
    prompt_tokens: number;
    completion_tokens: number;
    cached_tokens?: number;
    /** Prompt tokens written to the provider's prompt cache (Anthropic `cache_creation_input_tokens`). */
    cache_creation_tokens?: number;
    reasoning_tokens?: number;
  };
  /** Model name to report instead of the requested one. */
  model?: string;
}

/** Which requests a rule applies to; an unset field matches every request. */
export interface MockRuleMatch {
  /** The model named in the path (Azure, Gemini …), else the `model` field of the JSON body. */
  model?: string;
  /** The request path; a provider's optional prefix (OpenAI's `/v1`) is ignored on both sides. */
  path?: string;
}

/**
 * A scripted behaviour. Rules are matched in insertion order; a rule with `times` is used that many
 * times and then dropped. "Fail twice then succeed" is `{ status: 500, times: 2 }`.
 */
export interface MockRule {
  match?: MockRuleMatch;
  /** How many requests this rule answers before it is dropped; default unlimited. */
  times?: number;
  /** Error status to answer with; the body defaults to the provider's real error body for it. */
  status?: number;
  /** Error body to send instead of the provider's default one. */
  errorBody?: unknown;
  /** Extra response headers, e.g. `retry-after` or `retry-after-ms`. */
  headers?: Record<string, string>;
  /** Wait this long before sending the response headers. */
  delayMs?: number;
  /** Never answer, until the client aborts or the server closes. */
  hang?: boolean;
  /** Streams: send the first chunk, then hang. */
  hangAfterFirstChunk?: boolean;
  /** Streams: wait this long between chunks. */
  chunkDelayMs?: number;
  /** Destroy the socket without any response. */
  dropConnection?: boolean;
  /** Send invalid JSON (in a stream: one invalid data frame after the first one). */
  malformed?: boolean;
  /**
   * Streams: after the first frame, send the provider's in-stream error for this status (Anthropic
   * an `event: error`, OpenAI an `{"error":…}` data frame) and end the stream.
   */
  streamErrorStatus?: number;
  /** Override parts of the successful reply. */
  respond?: MockRuleResponse;
}
