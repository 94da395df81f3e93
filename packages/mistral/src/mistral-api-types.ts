// Mistral's chat completions wire format (ChatCompletionRequest in its API reference), as much of
// it as Switchyard writes. Its request models forbid fields they do not define (a 422), so these
// types are exact rather than open.

export type MistralContentChunk =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: string | { url: string; detail?: 'low' | 'auto' | 'high' } }
  | { type: 'document_url'; document_url: string; document_name?: string }
  | { type: 'file'; file_id: string }
  | { type: 'input_audio'; input_audio: string }
  | { type: 'thinking'; thinking: Array<{ type: 'text'; text: string }> };

export interface MistralToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type MistralMessage =
  | { role: 'system'; content: string | MistralContentChunk[] }
  | { role: 'user'; content: string | MistralContentChunk[] }
  | {
      role: 'assistant';
      content?: string | MistralContentChunk[] | null;
      tool_calls?: MistralToolCall[];
      /** The model continues this message instead of answering it (a prefill). */
      prefix?: boolean;
    }
  | { role: 'tool'; content: string | MistralContentChunk[]; tool_call_id?: string; name?: string };

export interface MistralFunctionTool {
  type: 'function';
  function: { name: string; parameters: Record<string, unknown>; description?: string; strict?: boolean };
}

export type MistralToolChoice = 'auto' | 'none' | 'any' | { type: 'function'; function: { name: string } };

export type MistralResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: { name: string; schema: Record<string, unknown>; description?: string; strict?: boolean };
    };

/** The body of `POST /v1/chat/completions`; fields Mistral has but Switchyard does not set pass through. */
export interface MistralChatBody {
  model: string;
  messages: MistralMessage[];
  stream?: boolean;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  stop?: string | string[];
  random_seed?: number;
  n?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  tools?: Array<MistralFunctionTool | Record<string, unknown>>;
  tool_choice?: MistralToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: MistralResponseFormat;
  reasoning_effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
  service_tier?: 'auto' | 'standard_only';
  metadata?: Record<string, string>;
  [passThrough: string]: unknown;
}
