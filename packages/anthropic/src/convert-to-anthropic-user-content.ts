import { BadRequestError, parseDataUrl, type UserContentPart } from '@switchyard/core';
import type {
  AnthropicCacheControl,
  AnthropicContentBlock,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
} from './anthropic-api-types.js';

/** Beta header the Files API needs, for `file` parts that name an uploaded `file_id`. */
export const filesApiBeta = 'files-api-2025-04-14';

/** Where a user part is converted: its path for error messages, and the betas the body needs. */
export interface UserPartContext {
  /** e.g. `messages[2].content[1]`. */
  path: string;
  betas: Set<string>;
}

/**
 * One user content part as Anthropic content: text as a `text` block, an image as an `image` block
 * (a data URL inline as base64, an http(s) URL by reference; a PDF data URL as a `document`), a
 * `file` part as a `document` (PDF or plain text data, or an uploaded `file_id`; an image file as
 * an `image`). A part's `cache_control` stays on its block. Audio has no Anthropic equivalent.
 */
export function convertUserPart(part: UserContentPart, context: UserPartContext): AnthropicContentBlock[] {
  const cacheControl = cacheControlOf(part);
  const withCache = <T extends AnthropicContentBlock>(block: T): T =>
    cacheControl ? { ...block, cache_control: cacheControl } : block;
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [withCache({ type: 'text', text: part.text })];
    case 'image_url':
      return [withCache(imageBlock(part.image_url.url, `${context.path}.image_url.url`))];
    case 'file':
      return [withCache(fileBlock(part.file, context))];
    case 'input_audio':
      throw new BadRequestError({
        message: `Anthropic does not accept audio input (${context.path} is an input_audio part).`,
        param: context.path,
        code: 'unsupported_content',
      });
  }
}

export function cacheControlOf(value: object): AnthropicCacheControl | undefined {
  const cacheControl = (value as { cache_control?: unknown }).cache_control;
  return typeof cacheControl === 'object' && cacheControl !== null && 'type' in cacheControl
    ? (cacheControl as AnthropicCacheControl)
    : undefined;
}

function imageBlock(url: string, param: string): AnthropicImageBlock | AnthropicDocumentBlock {
  const data = parseDataUrl(url);
  if (data) {
    if (data.mediaType === 'application/pdf') {
      return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: data.data } };
    }
    return { type: 'image', source: { type: 'base64', media_type: data.mediaType, data: data.data } };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new BadRequestError({
    message: `Anthropic takes images as data: URLs or http(s) URLs; ${param} is neither.`,
    param,
    code: 'invalid_image_url',
  });
}

type FilePart = Extract<UserContentPart, { type: 'file' }>['file'];

function fileBlock(file: FilePart, context: UserPartContext): AnthropicDocumentBlock | AnthropicImageBlock {
  const title = file.filename ? { title: file.filename } : {};
  if (file.file_data !== undefined) {
    const param = `${context.path}.file.file_data`;
    const data = parseDataUrl(file.file_data);
    if (!data) {
      throw new BadRequestError({
        message: `${param} must be a data: URL (data:application/pdf;base64,…) for Anthropic.`,
        param,
        code: 'invalid_file_data',
      });
    }
    if (data.mediaType === 'application/pdf') {
      return {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: data.data },
        ...title,
      };
    }
    if (data.mediaType.startsWith('text/')) {
      const text = Buffer.from(data.data, 'base64').toString('utf8');
      return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text }, ...title };
    }
    if (data.mediaType.startsWith('image/')) {
      return { type: 'image', source: { type: 'base64', media_type: data.mediaType, data: data.data } };
    }
    throw new BadRequestError({
      message: `Anthropic reads PDF, plain text and image files; ${param} is ${data.mediaType}.`,
      param,
      code: 'unsupported_content',
    });
  }
  if (file.file_id !== undefined) {
    context.betas.add(filesApiBeta);
    return { type: 'document', source: { type: 'file', file_id: file.file_id }, ...title };
  }
  throw new BadRequestError({
    message: `${context.path}.file needs file_data or file_id.`,
    param: `${context.path}.file`,
    code: 'invalid_file',
  });
}
