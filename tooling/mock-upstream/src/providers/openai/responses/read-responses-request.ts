import type { ErrorReply } from '../../../core/provider.js';
import { openAIError } from '../openai-error.js';
import { type ConversationTurn, hexId, type ItemJson, type StoredResponses } from './stored-responses.js';

/** The parts of a `POST /v1/responses` body the mock reads, checked the way OpenAI checks them. */
export interface ResponsesRequest {
  model: string;
  instructions: string | null;
  /** The request's own input items, with the ids OpenAI would give them. */
  inputItems: ItemJson[];
  /** The conversation so far: the previous response's, then this input. */
  conversation: ConversationTurn[];
  previousResponseId: string | null;
  store: boolean;
  stream: boolean;
  background: boolean;
  maxOutputTokens: number | null;
  /** The function `tool_choice` forces (`required` forces the first tool), if any. */
  forcedToolName: string | undefined;
  /** The request's fields the Response object echoes. */
  body: Record<string, unknown>;
}

export type ResponsesRequestResult =
  | { ok: true; request: ResponsesRequest }
  | { ok: false; error: ErrorReply };

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const roles = new Set(['user', 'assistant', 'system', 'developer']);
const fail = (message: string, param: string | null, code: string | null): ResponsesRequestResult => ({
  ok: false,
  error: openAIError(400, message, { param, code }),
});

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isObject)
    .map((part) =>
      typeof part.text === 'string' ? part.text : typeof part.refusal === 'string' ? part.refusal : '',
    )
    .filter((text) => text !== '')
    .join(' ');
}

/** A message's content as parts (a string becomes one `input_text`, or `output_text` for the assistant). */
function contentParts(role: string, content: unknown): unknown[] {
  if (Array.isArray(content)) return content;
  const text = String(content);
  return role === 'assistant'
    ? [{ type: 'output_text', text, annotations: [] }]
    : [{ type: 'input_text', text }];
}

const notPersisted = (id: string) =>
  `Item with id '${id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`;

/** One input item with its id, or the 400 OpenAI answers for it. */
function readItem(
  item: unknown,
  index: number,
  seed: string,
  stored: StoredResponses,
): { item: ItemJson; turn?: ConversationTurn } | { error: ResponsesRequestResult } {
  const param = `input[${index}]`;
  if (!isObject(item))
    return { error: fail(`Invalid type for '${param}': expected an object.`, param, 'invalid_type') };
  const type = typeof item.type === 'string' ? item.type : 'role' in item ? 'message' : undefined;
  const id = (prefix: string) => (typeof item.id === 'string' ? item.id : hexId(prefix, `${seed}:${index}`));
  switch (type) {
    case 'message': {
      const role = String(item.role);
      if (!roles.has(role)) {
        return {
          error: fail(
            `Invalid value: '${role}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.`,
            `${param}.role`,
            'invalid_value',
          ),
        };
      }
      if (typeof item.content !== 'string' && !Array.isArray(item.content)) {
        return {
          error: fail(
            `Missing required parameter: '${param}.content'.`,
            `${param}.content`,
            'missing_required_parameter',
          ),
        };
      }
      const message = {
        ...item,
        id: id('msg'),
        type: 'message',
        role,
        content: contentParts(role, item.content),
      };
      return { item: { status: 'completed', ...message }, turn: { role, text: textOf(item.content) } };
    }
    case 'function_call':
      for (const field of ['call_id', 'name', 'arguments']) {
        if (typeof item[field] !== 'string') {
          return {
            error: fail(
              `Missing required parameter: '${param}.${field}'.`,
              `${param}.${field}`,
              'missing_required_parameter',
            ),
          };
        }
      }
      return {
        item: { status: 'completed', ...item, id: id('fc'), type },
        turn: { role: 'assistant', text: `${item.name} ${item.arguments}` },
      };
    case 'function_call_output':
      if (typeof item.call_id !== 'string') {
        return {
          error: fail(
            `Missing required parameter: '${param}.call_id'.`,
            `${param}.call_id`,
            'missing_required_parameter',
          ),
        };
      }
      return {
        item: { status: 'completed', ...item, id: id('fco'), type },
        turn: { role: 'tool', text: textOf(item.output) },
      };
    case 'reasoning':
      // Reasoning is taken back only as the upstream produced it: encrypted, or stored here.
      if (
        typeof item.encrypted_content !== 'string' &&
        !(typeof item.id === 'string' && stored.hasItem(item.id))
      ) {
        return { error: fail(notPersisted(String(item.id)), 'input', null) };
      }
      return { item: { ...item, id: id('rs'), type } };
    case 'item_reference':
      if (typeof item.id !== 'string' || !stored.hasItem(item.id)) {
        return { error: fail(notPersisted(String(item.id)), 'input', null) };
      }
      return { item: { ...item, id: item.id, type } };
    default:
      return { error: fail(`Invalid value: '${String(type)}'.`, `${param}.type`, 'invalid_value') };
  }
}

/** Reads a create-response body against the server's stored responses (for previous_response_id). */
export function readResponsesRequest(
  body: unknown,
  seed: string,
  stored: StoredResponses,
): ResponsesRequestResult {
  if (!isObject(body)) return fail('Invalid type for request body: expected an object.', null, null);
  if (typeof body.model !== 'string' || body.model === '') {
    return fail("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
  }
  if (typeof body.input !== 'string' && !Array.isArray(body.input)) {
    return fail("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  }
  const maxOutputTokens = body.max_output_tokens ?? null;
  if (
    maxOutputTokens !== null &&
    (typeof maxOutputTokens !== 'number' || !Number.isInteger(maxOutputTokens) || maxOutputTokens < 16)
  ) {
    return fail(
      `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got ${JSON.stringify(maxOutputTokens)} instead.`,
      'max_output_tokens',
      'integer_below_min_value',
    );
  }
  const previousResponseId = typeof body.previous_response_id === 'string' ? body.previous_response_id : null;
  const previous = previousResponseId === null ? undefined : stored.get(previousResponseId);
  if (previousResponseId !== null && !previous) {
    return fail(
      `Previous response with id '${previousResponseId}' not found.`,
      'previous_response_id',
      'previous_response_not_found',
    );
  }
  const raw =
    typeof body.input === 'string' ? [{ type: 'message', role: 'user', content: body.input }] : body.input;
  const inputItems: ItemJson[] = [];
  const conversation: ConversationTurn[] = [...(previous?.conversation ?? [])];
  for (const [index, item] of raw.entries()) {
    const read = readItem(item, index, seed, stored);
    if ('error' in read) return read.error;
    inputItems.push(read.item);
    if (read.turn) conversation.push(read.turn);
  }
  return {
    ok: true,
    request: {
      model: body.model,
      instructions: typeof body.instructions === 'string' ? body.instructions : null,
      inputItems,
      conversation,
      previousResponseId,
      store: body.store !== false,
      stream: body.stream === true,
      background: body.background === true,
      maxOutputTokens,
      forcedToolName: forcedToolName(body.tools, body.tool_choice),
      body,
    },
  };
}

function forcedToolName(tools: unknown, choice: unknown): string | undefined {
  const names = Array.isArray(tools)
    ? tools
        .filter(isObject)
        .flatMap((tool) => (tool.type === 'function' && typeof tool.name === 'string' ? [tool.name] : []))
    : [];
  if (names.length === 0) return undefined;
  if (choice === 'required') return names[0];
  return isObject(choice) && choice.type === 'function' && typeof choice.name === 'string'
    ? choice.name
    : undefined;
}
