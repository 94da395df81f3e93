import { BadRequestError, type ChatMessage, parseDataUrl, type UserContentPart } from '@switchyard/core';
import type { MistralContentChunk } from './mistral-api-types.js';

export interface ContentContext {
  provider: string;
  model: string;
}

/** A text-only content (system, developer, tool, assistant text): the string, or its text chunks. */
export function textContent(
  content: string | ReadonlyArray<{ type: string; text?: string; refusal?: string }>,
): string | MistralContentChunk[] {
  if (typeof content === 'string') return content;
  return content.map((part) => ({ type: 'text', text: part.text ?? part.refusal ?? '' }));
}

/**
 * A user message's content in Mistral's chunks: text as is; images as `image_url` with the URL as
 * a string (http(s) and base64 data URLs alike, Mistral fetches or decodes them), as an object only
 * to carry `detail`; files uploaded to Mistral as `file`; inline files as `document_url` (PDFs and
 * other documents, as data URLs) or `image_url` (images); audio as `input_audio`. Cache markers on
 * parts are left out: Mistral caches prompt prefixes by itself and its chunks have no such field.
 */
export function userContent(
  content: Extract<ChatMessage, { role: 'user' }>['content'],
  context: ContentContext,
): string | MistralContentChunk[] {
  if (typeof content === 'string') return content;
  return content.map((part) => userChunk(part, context));
}

function userChunk(part: UserContentPart, context: ContentContext): MistralContentChunk {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image_url': {
      const { url, detail } = part.image_url;
      return { type: 'image_url', image_url: detail ? { url, detail } : url };
    }
    case 'input_audio':
      return { type: 'input_audio', input_audio: part.input_audio.data };
    case 'file':
      return fileChunk(part.file, context);
  }
}

function fileChunk(
  file: { file_data?: string | undefined; file_id?: string | undefined; filename?: string | undefined },
  context: ContentContext,
): MistralContentChunk {
  if (file.file_id) return { type: 'file', file_id: file.file_id };
  if (!file.file_data) {
    throw new BadRequestError({
      message: 'A file content part needs file_id or file_data.',
      param: 'messages',
      provider: context.provider,
      model: context.model,
    });
  }
  // OpenAI's file_data is a data URL; bare base64 is taken for a PDF, the usual case.
  const dataUrl = parseDataUrl(file.file_data);
  const url = dataUrl ? file.file_data : `data:application/pdf;base64,${file.file_data}`;
  if (dataUrl?.mediaType.startsWith('image/')) return { type: 'image_url', image_url: url };
  return file.filename
    ? { type: 'document_url', document_url: url, document_name: file.filename }
    : { type: 'document_url', document_url: url };
}
