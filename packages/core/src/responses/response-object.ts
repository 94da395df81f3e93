import type {
  CreateResponseRequest,
  ResponseTextFormat,
  ResponseTool,
  ResponseToolChoice,
} from './response-request.js';

// The Response object and its stream events (Response, OutputItem, ResponseStreamEvent in
// shared/specs/openai-openapi.yaml), as this gateway produces them.

export interface ResponseOutputText {
  type: 'output_text';
  text: string;
  annotations: unknown[];
}

export interface ResponseRefusal {
  type: 'refusal';
  refusal: string;
}

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface ResponseOutputMessage {
  type: 'message';
  id: string;
  role: 'assistant';
  status: ItemStatus;
  content: Array<ResponseOutputText | ResponseRefusal>;
}

export interface ResponseFunctionCall {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: ItemStatus;
}

export interface ResponseReasoning {
  type: 'reasoning';
  id: string;
  summary: Array<{ type: 'summary_text'; text: string }>;
  content: Array<{ type: 'reasoning_text'; text: string }>;
  status: ItemStatus;
}

export type ResponseOutputItem = ResponseOutputMessage | ResponseFunctionCall | ResponseReasoning;

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type ResponseStatus = 'completed' | 'failed' | 'in_progress' | 'incomplete';

export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  completed_at: number | null;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  model: string;
  output: ResponseOutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  reasoning: { effort: string | null; summary: string | null };
  store: boolean;
  temperature: number | null;
  text: { format: ResponseTextFormat };
  tool_choice: ResponseToolChoice;
  tools: ResponseTool[];
  top_p: number | null;
  truncation: 'auto' | 'disabled';
  usage: ResponseUsage | null;
  user: string | null;
  metadata: Record<string, string>;
}

/** `DELETE /responses/{id}`'s answer. */
export interface DeletedResponse {
  id: string;
  object: 'response';
  deleted: true;
}

interface ItemEvent {
  sequence_number: number;
  output_index: number;
}

interface PartEvent extends ItemEvent {
  item_id: string;
  content_index: number;
}

/** The typed `response.*` events of a streamed response, plus `error`. */
export type ResponseStreamEvent =
  | {
      type:
        | 'response.created'
        | 'response.in_progress'
        | 'response.completed'
        | 'response.incomplete'
        | 'response.failed';
      sequence_number: number;
      response: ResponseObject;
    }
  | ({
      type: 'response.output_item.added' | 'response.output_item.done';
      item: ResponseOutputItem;
    } & ItemEvent)
  | ({
      type: 'response.content_part.added' | 'response.content_part.done';
      part: ResponseOutputText | ResponseRefusal;
    } & PartEvent)
  | ({ type: 'response.output_text.delta'; delta: string; logprobs: [] } & PartEvent)
  | ({ type: 'response.output_text.done'; text: string; logprobs: [] } & PartEvent)
  | ({ type: 'response.refusal.delta'; delta: string } & PartEvent)
  | ({ type: 'response.refusal.done'; refusal: string } & PartEvent)
  | ({ type: 'response.reasoning_text.delta'; delta: string } & PartEvent)
  | ({ type: 'response.reasoning_text.done'; text: string } & PartEvent)
  | ({ type: 'response.function_call_arguments.delta'; item_id: string; delta: string } & ItemEvent)
  | ({
      type: 'response.function_call_arguments.done';
      item_id: string;
      name: string;
      arguments: string;
    } & ItemEvent)
  | { type: 'error'; sequence_number: number; code: string | null; message: string; param: string | null };

/** The suffix shared by a response's id and its items' ids (`resp_abc` → `abc`). */
export function idSuffix(responseId: string): string {
  return responseId.startsWith('resp_') ? responseId.slice(5) : responseId;
}

/** The response's fields that echo the request, as the spec lists them. */
export function requestEchoes(
  request: CreateResponseRequest,
): Omit<
  ResponseObject,
  | 'id'
  | 'object'
  | 'created_at'
  | 'status'
  | 'completed_at'
  | 'error'
  | 'incomplete_details'
  | 'output'
  | 'usage'
> {
  return {
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: request.model,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: request.reasoning?.effort ?? null, summary: request.reasoning?.summary ?? null },
    store: request.store ?? true,
    temperature: request.temperature ?? null,
    text: { format: request.text?.format ?? { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? null,
    truncation: request.truncation ?? 'disabled',
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}
