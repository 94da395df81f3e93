import { randomBytes } from 'node:crypto';
import type { UploadedFile } from './schemas/audio.js';

const unsafeInHeader = /["\r\n\\]/g;

/**
 * A multipart/form-data body (RFC 7578) with text fields and one file, for upstream uploads such as
 * audio transcriptions. Quotes, backslashes and line breaks in names are escaped so a client-chosen
 * file name cannot inject headers.
 */
export function encodeMultipart(
  fields: Record<string, string | readonly string[]>,
  file: { name: string } & UploadedFile,
): { body: Uint8Array; contentType: string } {
  const boundary = `----switchyard${randomBytes(12).toString('hex')}`;
  const escapeHeaderValue = (value: string) =>
    value.replace(unsafeInHeader, (char) => encodeURIComponent(char));
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${escapeHeaderValue(name)}"\r\n\r\n${item}\r\n`,
        ),
      );
    }
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${escapeHeaderValue(file.name)}"; filename="${escapeHeaderValue(file.filename)}"\r\nContent-Type: ${escapeHeaderValue(file.contentType)}\r\n\r\n`,
    ),
    Buffer.from(file.data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
