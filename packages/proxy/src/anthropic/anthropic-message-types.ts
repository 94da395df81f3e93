// What the proxy answers on the Anthropic Messages route (https://docs.claude.com/en/api/messages).

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

export interface AnthropicOutputUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export type AnthropicOutputBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface AnthropicOutputMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicOutputBlock[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  usage: AnthropicOutputUsage;
}

/** One event of the Anthropic stream: its SSE name and its JSON payload (whose `type` is the name). */
export interface AnthropicStreamEvent {
  event: string;
  data: Record<string, unknown>;
}
