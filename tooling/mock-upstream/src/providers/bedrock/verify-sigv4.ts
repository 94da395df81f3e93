import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { RecordedRequest } from '../../core/recorded-request.js';

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header. */
export interface SigV4Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;
const unreserved = /[A-Za-z0-9\-._~]/;
const whitespaceRun = /\s+/g;

export function parseSigV4Authorization(header: string): SigV4Authorization | undefined {
  const match = authorizationPattern.exec(header.trim());
  if (!match) {
    return undefined;
  }
  const [, accessKeyId = '', date = '', region = '', service = '', signedHeaders = '', signature = ''] =
    match;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex. */
function encodeRfc3986(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += unreserved.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The canonical request AWS computes on its side (every service but S3): the path as received,
 * each segment encoded once more, so Bedrock's `%3A` in a model id is signed as `%253A`.
 */
export function canonicalSigV4Request(request: RecordedRequest, signedHeaders: readonly string[]): string {
  const path = request.path.split('/').map(encodeRfc3986).join('/') || '/';
  const query = Object.entries(request.query)
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const headers = signedHeaders
    .map((name) => `${name}:${(request.headers[name] ?? '').trim().replace(whitespaceRun, ' ')}\n`)
    .join('');
  const payloadHash = createHash('sha256').update(request.rawBody, 'utf8').digest('hex');
  return [request.method, path, query, headers, signedHeaders.join(';'), payloadHash].join('\n');
}

/** Whether `authorization` is the signature of `request` with `secret`. */
export function isValidSigV4Signature(
  request: RecordedRequest,
  authorization: SigV4Authorization,
  secret: string,
): boolean {
  const amzDate = request.headers['x-amz-date'] ?? '';
  if (!amzDate.startsWith(authorization.date)) {
    return false;
  }
  const scope = `${authorization.date}/${authorization.region}/${authorization.service}/aws4_request`;
  const canonical = canonicalSigV4Request(request, authorization.signedHeaders);
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonical, 'utf8').digest('hex'),
  ].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(authorization.date).digest();
  for (const part of [authorization.region, authorization.service, 'aws4_request']) {
    key = createHmac('sha256', key).update(part).digest();
  }
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  return timingSafeEqual(expected, Buffer.from(authorization.signature, 'hex'));
}
