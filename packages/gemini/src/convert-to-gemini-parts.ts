import { BadRequestError, parseDataUrl, type UserContentPart } from '@switchyard/core';
import type { GeminiPart } from './gemini-wire-types.js';

// User content parts. Data URLs become inline data; http(s) and gs:// URLs become file references
// Gemini fetches itself: the gateway never downloads a client's URL (that would be an SSRF hole).

export interface PartContext {
  provider: string;
  model: string;
}

const mimeByExtension: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  mov: 'video/mov',
  webm: 'video/webm',
};
const extensionPattern = /\.([a-z0-9]+)$/i;
const remoteUrlPattern = /^(https?|gs):\/\//i;

/** The IANA type a URL's file extension suggests, if it suggests one. */
export function guessMimeType(url: string): string | undefined {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // not a URL: use it as a file name
  }
  const extension = extensionPattern.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : mimeByExtension[extension];
}

function refuse(context: PartContext, message: string, param: string): never {
  throw new BadRequestError({ message, param, provider: context.provider, model: context.model });
}

/** A URL (data, http(s), gs) as a Gemini part; `fallbackMime` when a remote URL's type is unknown. */
function urlPart(
  url: string,
  fallbackMime: string | undefined,
  context: PartContext,
  param: string,
): GeminiPart {
  const data = parseDataUrl(url);
  if (data) return { inlineData: { mimeType: data.mediaType, data: data.data } };
  if (remoteUrlPattern.test(url)) {
    const mimeType = guessMimeType(url) ?? fallbackMime;
    return { fileData: { fileUri: url, ...(mimeType ? { mimeType } : {}) } };
  }
  return refuse(
    context,
    `${context.provider} takes images and files as data: URLs, http(s):// URLs or gs:// URIs`,
    param,
  );
}

function filePart(file: Record<string, unknown>, context: PartContext, param: string): GeminiPart {
  const filename = typeof file.filename === 'string' ? file.filename : undefined;
  const format = typeof file.format === 'string' ? file.format : undefined;
  if (typeof file.file_data === 'string') {
    return urlPart(file.file_data, format, context, `${param}.file.file_data`);
  }
  if (typeof file.file_id === 'string') {
    const mimeType = format ?? guessMimeType(filename ?? file.file_id);
    return { fileData: { fileUri: file.file_id, ...(mimeType ? { mimeType } : {}) } };
  }
  return refuse(context, 'A file part needs file_data or file_id', `${param}.file`);
}

/** One user content part as a Gemini part; undefined for empty text (Gemini refuses empty text). */
export function convertUserPart(
  part: UserContentPart,
  context: PartContext,
  param: string,
): GeminiPart | undefined {
  switch (part.type) {
    case 'text':
      return part.text === '' ? undefined : { text: part.text };
    case 'image_url':
      return urlPart(part.image_url.url, 'image/jpeg', context, `${param}.image_url.url`);
    case 'input_audio':
      return { inlineData: { mimeType: `audio/${part.input_audio.format}`, data: part.input_audio.data } };
    case 'file':
      return filePart(part.file, context, param);
    default:
      return refuse(context, `${context.provider} does not take content parts of this type`, `${param}.type`);
  }
}
