// Cohere's v2 wire format (https://docs.cohere.com/reference/chat, /reference/embed), as far as
// Switchyard writes or reads it. Responses are read leniently: every field may be missing.

export type CohereUserContent =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } };

export type CohereAssistantContent = { type: 'text'; text: string } | { type: 'thinking'; thinking: string };

export interface CohereToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type CohereTextContent = string | Array<{ type: 'text'; text: string }>;

export type CohereMessage =
  | { role: 'system'; content: CohereTextContent }
  | { role: 'user'; content: string | CohereUserContent[] }
  | {
      role: 'assistant';
      content?: string | CohereAssistantContent[];
      tool_plan?: string;
      tool_calls?: CohereToolCall[];
    }
  | { role: 'tool'; tool_call_id: string; content: CohereTextContent };

export interface CohereTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** A document the model can cite (`documents` in the chat body). */
export interface CohereDocument {
  id?: string;
  data: { text: string; title?: string };
}

export interface CohereChatBody {
  model: string;
  messages: CohereMessage[];
  stream?: boolean;
  tools?: CohereTool[];
  tool_choice?: 'REQUIRED' | 'NONE';
  strict_tools?: boolean;
  documents?: CohereDocument[];
  response_format?: { type: 'text' } | { type: 'json_object'; json_schema?: Record<string, unknown> };
  max_tokens?: number;
  stop_sequences?: string[];
  temperature?: number;
  seed?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  k?: number;
  p?: number;
  thinking?: { type: 'enabled' | 'disabled'; token_budget?: number };
  [key: string]: unknown;
}

export interface CohereUsage {
  billed_units?: { input_tokens?: number | null; output_tokens?: number | null } | null;
  tokens?: { input_tokens?: number | null; output_tokens?: number | null } | null;
  /** Prompt tokens read from Cohere's prompt cache; part of `tokens.input_tokens`. */
  cached_tokens?: number | null;
}

export interface CohereChatResponse {
  id?: string | null;
  finish_reason?: string | null;
  message?: {
    role?: string | null;
    content?: Array<{ type?: string; text?: string; thinking?: string }> | null;
    tool_plan?: string | null;
    tool_calls?: Array<{
      id?: string | null;
      type?: string | null;
      function?: { name?: string | null; arguments?: string | null } | null;
    }> | null;
  } | null;
  usage?: CohereUsage | null;
}

export interface CohereEmbedBody {
  model: string;
  texts: string[];
  input_type: string;
  embedding_types: ['float'];
  output_dimension?: number;
  truncate?: string;
  [key: string]: unknown;
}

export interface CohereEmbedResponse {
  id?: string | null;
  embeddings?: { float?: number[][] | null } | null;
  meta?: {
    billed_units?: { input_tokens?: number | null } | null;
    tokens?: { input_tokens?: number | null } | null;
  } | null;
}
