import { BadRequestError, parseDataUrl, type UserContentPart } from '@switchyard/core';
import type {
  BedrockContentBlock,
  BedrockDocumentFormat,
  BedrockImageFormat,
  BedrockMediaSource,
} from './bedrock-api-types.js';

export interface ConversionContext {
  provider: string;
  model: string;
}

const imageFormats: Record<string, BedrockImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};
const documentFormats: Record<string, BedrockDocumentFormat> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};
const imageExtensions: Record<string, BedrockImageFormat> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  gif: 'gif',
  webp: 'webp',
};
const documentExtensions = new Set<string>(Object.values(documentFormats));
const httpUrl = /^https?:\/\//i;
// Document names may hold only alphanumerics, single spaces, hyphens, parentheses and brackets.
const documentNameNoise = /[^A-Za-z0-9\s\-()[\]]+/g;
const spaceRun = /\s+/g;
const extensionSuffix = /\.[^.]*$/;

function refuse(context: ConversionContext, param: string, message: string): BadRequestError {
  return new BadRequestError({ message, param, provider: context.provider, model: context.model });
}

function extensionOf(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  return name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
}

/**
 * An `image_url` part as a Converse image block: a base64 data URL becomes bytes, an `s3://` URL an
 * S3 location Bedrock reads itself. Bedrock cannot fetch http(s) URLs, and Switchyard does not
 * download them on the caller's behalf (that would let any caller make the gateway fetch any URL).
 */
export function convertImageUrl(url: string, param: string, context: ConversionContext): BedrockContentBlock {
  if (url.startsWith('s3://')) {
    const format = imageExtensions[extensionOf(url)];
    if (!format)
      throw refuse(
        context,
        param,
        `${context.provider} needs a png, jpeg, gif or webp image; ${param} is ${url}`,
      );
    return { image: { format, source: { s3Location: { uri: url } } } };
  }
  if (httpUrl.test(url)) {
    throw refuse(
      context,
      param,
      `${context.provider} cannot fetch image URLs and Switchyard does not download them: send ${param} as a base64 data URL (data:image/png;base64,…) or an s3:// URL`,
    );
  }
  const data = parseDataUrl(url);
  const format = data ? imageFormats[data.mediaType.toLowerCase()] : undefined;
  if (!data || !format || data.data === '') {
    const what = data ? `an image of type ${data.mediaType}` : 'not a data URL';
    throw refuse(
      context,
      param,
      `${context.provider} accepts png, jpeg, gif and webp images as base64 data URLs; ${param} is ${what}`,
    );
  }
  return { image: { format, source: { bytes: data.data } } };
}

function documentName(filename: string | undefined, fallback: string): string {
  const base = filename?.replace(extensionSuffix, '') ?? '';
  const name = base.replace(documentNameNoise, '-').replace(spaceRun, ' ').trim().slice(0, 200);
  return name === '' ? fallback : name;
}

/** A `file` part: a PDF or office/text document (or an image) from a data URL, or an `s3://` file id. */
export function convertFilePart(
  file: { file_data?: string | undefined; file_id?: string | undefined; filename?: string | undefined },
  param: string,
  context: ConversionContext,
  fallbackName: string,
): BedrockContentBlock {
  const name = documentName(file.filename, fallbackName);
  if (file.file_id?.startsWith('s3://')) {
    const format = extensionOf(file.file_id);
    if (!documentExtensions.has(format))
      throw refuse(context, param, `${context.provider} cannot tell the document type of ${file.file_id}`);
    return {
      document: {
        format: format as BedrockDocumentFormat,
        name,
        source: { s3Location: { uri: file.file_id } },
      },
    };
  }
  const data = file.file_data === undefined ? undefined : parseDataUrl(file.file_data);
  if (!data) {
    throw refuse(
      context,
      param,
      `${context.provider} takes files inline: send ${param}.file_data as a base64 data URL (file ids are not supported)`,
    );
  }
  const mediaType = data.mediaType.toLowerCase();
  if (imageFormats[mediaType]) return convertImageUrl(file.file_data ?? '', param, context);
  const format = documentFormats[mediaType];
  if (!format) {
    throw refuse(
      context,
      param,
      `${context.provider} accepts pdf, csv, doc, docx, xls, xlsx, html, txt and md documents; ${param} is ${mediaType}`,
    );
  }
  const source: BedrockMediaSource = { bytes: data.data };
  return { document: { format, name, source } };
}

const cachePoint: BedrockContentBlock = { cachePoint: { type: 'default' } };

/** A user message's content as Converse blocks; a part's `cache_control` puts a cache point after it. */
export function convertUserContent(
  content: string | UserContentPart[],
  messageIndex: number,
  context: ConversionContext,
): BedrockContentBlock[] {
  const where = `messages[${messageIndex}]`;
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  const blocks: BedrockContentBlock[] = [];
  for (const [index, part] of content.entries()) {
    const param = `${where}.content[${index}]`;
    if (part.type === 'text') {
      if (part.text !== '') blocks.push({ text: part.text });
    } else if (part.type === 'image_url') {
      blocks.push(convertImageUrl(part.image_url.url, `${param}.image_url.url`, context));
    } else if (part.type === 'file') {
      blocks.push(convertFilePart(part.file, param, context, `document-${messageIndex}-${index}`));
    } else {
      throw refuse(
        context,
        param,
        `${context.provider} Converse does not take ${part.type} parts (${param})`,
      );
    }
    if ('cache_control' in part && part.cache_control) blocks.push(cachePoint);
  }
  return blocks;
}
