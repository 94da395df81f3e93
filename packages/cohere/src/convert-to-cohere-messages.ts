import { BadRequestError, type ChatMessage, parseDataUrl, type UserContentPart } from '@switchyard/core';
import type {
  CohereAssistantContent,
  CohereDocument,
  CohereMessage,
  CohereTextContent,
  CohereToolCall,
  CohereUserContent,
} from './cohere-api-types.js';

export interface CohereMessagesContext {
  provider: string;
  model: string;
}

export interface CohereConversation {
  messages: CohereMessage[];
  /** Text files from user messages, sent as Cohere's citable `documents`. */
  documents: CohereDocument[];
}

// Media types of `file` parts Cohere can read as document text.
const textMediaType = /^(text\/[\w.+-]+|application\/(json|[\w.+-]+\+json|xml|yaml))$/i;

type TextParts = string | ReadonlyArray<{ text: string }>;

/** System and tool content: a string stays a string; text parts stay parts (Cohere takes both). */
function textContent(content: TextParts): CohereTextContent {
  return typeof content === 'string' ? content : content.map((part) => ({ type: 'text', text: part.text }));
}

function unsupported(context: CohereMessagesContext, param: string, what: string): BadRequestError {
  return new BadRequestError({
    message: `${context.provider} does not support ${what} (model ${context.model}).`,
    param,
    code: 'unsupported_content',
    provider: context.provider,
    model: context.model,
  });
}

/**
 * A `file` part: text-like files (plain text, markdown, CSV, JSON…) become a document the model
 * can cite; anything else (PDF, file ids) has no place in Cohere's chat API and is refused.
 */
function fileDocument(
  part: Extract<UserContentPart, { type: 'file' }>,
  param: string,
  context: CohereMessagesContext,
): CohereDocument {
  const data = part.file.file_data ? parseDataUrl(part.file.file_data) : undefined;
  if (!data || !textMediaType.test(data.mediaType)) {
    throw unsupported(context, param, 'files other than text documents given as data URLs');
  }
  const text = Buffer.from(data.data, 'base64').toString('utf8');
  return { data: { text, ...(part.file.filename ? { title: part.file.filename } : {}) } };
}

function userContent(
  content: string | UserContentPart[],
  param: string,
  context: CohereMessagesContext,
  documents: CohereDocument[],
): string | CohereUserContent[] {
  if (typeof content === 'string') return content;
  const parts: CohereUserContent[] = [];
  for (const [index, part] of content.entries()) {
    if (part.type === 'text') parts.push({ type: 'text', text: part.text });
    else if (part.type === 'image_url') {
      // http(s) URLs and base64 data URLs alike; Cohere fetches or decodes them itself.
      const { url, detail } = part.image_url;
      parts.push({ type: 'image_url', image_url: { url, ...(detail ? { detail } : {}) } });
    } else if (part.type === 'file') documents.push(fileDocument(part, `${param}[${index}]`, context));
    else throw unsupported(context, `${param}[${index}]`, 'audio input');
  }
  return parts;
}

function assistantMessage(message: Extract<ChatMessage, { role: 'assistant' }>): CohereMessage | undefined {
  const content = message.content;
  const text =
    typeof content === 'string'
      ? content
      : (content ?? []).map((part) => (part.type === 'text' ? part.text : part.refusal)).join('');
  const thinking: CohereAssistantContent[] = message.reasoning_content
    ? [{ type: 'thinking', thinking: message.reasoning_content }]
    : [];
  const toolCalls: CohereToolCall[] = (message.tool_calls ?? []).map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.function.name, arguments: call.function.arguments },
  }));
  if (toolCalls.length > 0) {
    // What the model said before calling tools is Cohere's `tool_plan`.
    return {
      role: 'assistant',
      tool_calls: toolCalls,
      ...(text ? { tool_plan: text } : {}),
      ...(thinking.length > 0 ? { content: thinking } : {}),
    };
  }
  if (thinking.length > 0) {
    return { role: 'assistant', content: text ? [...thinking, { type: 'text', text }] : thinking };
  }
  // An empty assistant turn says nothing, and Cohere refuses empty turns.
  return text ? { role: 'assistant', content: text } : undefined;
}

/**
 * OpenAI messages as Cohere v2 messages. Cohere's roles are system, user, assistant and tool, in
 * any order, so messages keep their order; developer messages are system messages. Tool calls keep
 * their ids, so tool results round-trip. `name` fields and cache markers have no Cohere
 * counterpart (Cohere caches prompts by itself) and are left out.
 */
export function convertToCohereMessages(
  input: ReadonlyArray<ChatMessage>,
  context: CohereMessagesContext,
): CohereConversation {
  const messages: CohereMessage[] = [];
  const documents: CohereDocument[] = [];
  for (const [index, message] of input.entries()) {
    switch (message.role) {
      case 'system':
      case 'developer':
        messages.push({ role: 'system', content: textContent(message.content) });
        break;
      case 'user':
        messages.push({
          role: 'user',
          content: userContent(message.content, `messages[${index}].content`, context, documents),
        });
        break;
      case 'assistant': {
        const converted = assistantMessage(message);
        if (converted) messages.push(converted);
        break;
      }
      case 'tool':
        messages.push({
          role: 'tool',
          tool_call_id: message.tool_call_id,
          content: textContent(message.content),
        });
        break;
      default:
        throw unsupported(context, `messages[${index}].role`, 'legacy function messages; use tools');
    }
  }
  return { messages, documents };
}
