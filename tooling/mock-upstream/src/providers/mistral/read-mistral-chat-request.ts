import type { ErrorReply } from '../../core/provider.js';
import {
  checkMistralConversation,
  extraFields,
  isObject,
  validateMistralMessages,
} from './check-mistral-messages.js';
import {
  invalidValue,
  type MistralValidationDetail,
  missingField,
  mistralValidationError,
} from './mistral-error.js';

export interface MistralChatMessage {
  role: string;
  /** Text of the message: the content string, or its text chunks joined with spaces. */
  text: string;
}

/** The parts of a chat completion request the mock reads. */
export interface MistralChatRequest {
  model: string;
  messages: MistralChatMessage[];
  n: number;
  stream: boolean;
  toolNames: string[];
  /** The function `tool_choice` forces (`any` / `required` force the first tool), if any. */
  forcedToolName: string | undefined;
  /** Whether the model thinks aloud: a Magistral model, `prompt_mode: "reasoning"`, or a reasoning effort. */
  reasoning: boolean;
}

export type MistralChatRequestResult =
  | { ok: true; request: MistralChatRequest }
  | { ok: false; error: ErrorReply };

// ChatCompletionRequest / ChatCompletionStreamRequest in Mistral's API reference; no other field is
// accepted (OpenAI's `seed`, `max_completion_tokens`, `stream_options`, `user` … are 422s).
const requestFields = [
  'model',
  'messages',
  'temperature',
  'top_p',
  'max_tokens',
  'stream',
  'stop',
  'random_seed',
  'metadata',
  'response_format',
  'tools',
  'tool_choice',
  'presence_penalty',
  'frequency_penalty',
  'n',
  'prediction',
  'parallel_tool_calls',
  'reasoning_effort',
  'prompt_mode',
  'guardrails',
  'prompt_cache_key',
  'service_tier',
  'safe_prompt',
];
const toolChoices = ['auto', 'none', 'any', 'required'];
const reasoningEfforts = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];
const responseFormats = ['text', 'json_object', 'json_schema'];
const functionFields = ['name', 'description', 'parameters', 'strict'];

/** Validates a chat completion body the way Mistral's API does, then reads what the mock needs. */
export function readMistralChatRequest(body: unknown): MistralChatRequestResult {
  if (!isObject(body)) {
    return fail([invalidValue([], 'Input should be a valid dictionary', body)]);
  }
  const details = validateFields(body);
  if (details.length > 0) {
    return fail(details);
  }
  const messages = (body.messages as unknown[]).filter(isObject);
  const conversationError = checkMistralConversation(messages);
  if (conversationError) {
    return { ok: false, error: conversationError };
  }
  const toolNames = readToolNames(body.tools);
  const effort = body.reasoning_effort;
  return {
    ok: true,
    request: {
      model: body.model as string,
      messages: messages.map(readMessage),
      n: typeof body.n === 'number' ? body.n : 1,
      stream: body.stream === true,
      toolNames,
      forcedToolName: readForcedToolName(body.tool_choice, toolNames),
      reasoning:
        (body.model as string).includes('magistral') ||
        body.prompt_mode === 'reasoning' ||
        (typeof effort === 'string' && effort !== 'none'),
    },
  };
}

function fail(details: MistralValidationDetail[]): MistralChatRequestResult {
  return { ok: false, error: mistralValidationError(details) };
}

function validateFields(body: Record<string, unknown>): MistralValidationDetail[] {
  const details = extraFields(body, requestFields, []);
  if (typeof body.model !== 'string') details.push(missingField(['model'], body));
  if (!Array.isArray(body.messages)) details.push(missingField(['messages'], body));
  else details.push(...validateMistralMessages(body.messages));
  const n = body.n;
  if (n !== undefined && n !== null && (typeof n !== 'number' || !Number.isInteger(n) || n < 1)) {
    details.push(invalidValue(['n'], 'Input should be greater than or equal to 1', n));
  }
  details.push(...validateToolChoice(body.tool_choice), ...validateTools(body.tools));
  details.push(...validateResponseFormat(body.response_format));
  const effort = body.reasoning_effort;
  if (effort !== undefined && effort !== null && !reasoningEfforts.includes(String(effort))) {
    details.push(
      invalidValue(['reasoning_effort'], `Input should be ${reasoningEfforts.join(', ')}`, effort),
    );
  }
  return details;
}

function validateToolChoice(choice: unknown): MistralValidationDetail[] {
  if (choice === undefined || toolChoices.includes(String(choice))) return [];
  if (isObject(choice) && isObject(choice.function) && typeof choice.function.name === 'string') {
    return extraFields(choice, ['type', 'function'], ['tool_choice', 'ToolChoice']);
  }
  return [invalidValue(['tool_choice'], "Input should be 'auto', 'none', 'any' or 'required'", choice)];
}

function validateTools(tools: unknown): MistralValidationDetail[] {
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) return [invalidValue(['tools'], 'Input should be a valid list', tools)];
  return tools.flatMap((tool, index) => {
    const loc = ['tools', index];
    if (!isObject(tool) || tool.type !== 'function') return [];
    if (!isObject(tool.function)) return [missingField([...loc, 'function'], tool)];
    const details = extraFields(tool, ['type', 'function'], loc);
    details.push(...extraFields(tool.function, functionFields, [...loc, 'function']));
    if (!isObject(tool.function.parameters)) {
      details.push(missingField([...loc, 'function', 'parameters'], tool.function));
    }
    return details;
  });
}

function validateResponseFormat(format: unknown): MistralValidationDetail[] {
  if (format === undefined) return [];
  if (!isObject(format) || !responseFormats.includes(String(format.type))) {
    return [
      invalidValue(
        ['response_format', 'type'],
        "Input should be 'text', 'json_object' or 'json_schema'",
        format,
      ),
    ];
  }
  const details = extraFields(format, ['type', 'json_schema'], ['response_format']);
  if (format.type !== 'json_schema') return details;
  const schema = format.json_schema;
  if (!isObject(schema)) return [...details, missingField(['response_format', 'json_schema'], format)];
  if (typeof schema.name !== 'string')
    details.push(missingField(['response_format', 'json_schema', 'name'], schema));
  if (!isObject(schema.schema))
    details.push(missingField(['response_format', 'json_schema', 'schema'], schema));
  details.push(
    ...extraFields(schema, ['name', 'schema', 'description', 'strict'], ['response_format', 'json_schema']),
  );
  return details;
}

function readMessage(message: Record<string, unknown>): MistralChatMessage {
  const role = String(message.role);
  const content = message.content;
  if (typeof content === 'string') {
    return { role, text: content };
  }
  const chunks = Array.isArray(content) ? content.filter(isObject) : [];
  const texts = chunks.map((chunk) => chunk.text).filter((text): text is string => typeof text === 'string');
  return { role, text: texts.join(' ') };
}

function readToolNames(tools: unknown): string[] {
  if (!Array.isArray(tools)) {
    return [];
  }
  return tools
    .filter(isObject)
    .map((tool) => (isObject(tool.function) ? tool.function.name : undefined))
    .filter((name): name is string => typeof name === 'string');
}

function readForcedToolName(toolChoice: unknown, toolNames: string[]): string | undefined {
  if (toolNames.length === 0) {
    return undefined;
  }
  if (toolChoice === 'any' || toolChoice === 'required') {
    return toolNames[0];
  }
  if (isObject(toolChoice) && isObject(toolChoice.function) && typeof toolChoice.function.name === 'string') {
    return toolChoice.function.name;
  }
  return undefined;
}
