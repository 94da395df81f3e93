import { createHash, createHmac } from 'node:crypto';

/** IAM credentials; `sessionToken` for temporary ones (STS). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignAwsRequestInput {
  method: string;
  /** The URL as it is sent: the path already percent-encoded (`…v1%3A0/converse`). */
  url: string;
  /** Headers to sign besides host, x-amz-date and x-amz-security-token (names any case). */
  headers?: Record<string, string>;
  body: string | Uint8Array;
  credentials: AwsCredentials;
  region: string;
  service: string;
  /** The signing time (the injectable clock). */
  date: Date;
}

/** The headers to add to the request: authorization, x-amz-date, x-amz-security-token. */
export interface SignedAwsHeaders {
  authorization: string;
  'x-amz-date': string;
  'x-amz-security-token'?: string;
}

const unreservedByte = new Uint8Array(256);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~') {
  unreservedByte[char.charCodeAt(0)] = 1;
}
const whitespaceRun = /\s+/g;
const amzDateNoise = /[-:]|\.\d{3}/g;

/** RFC 3986 percent-encoding as SigV4 wants it: all but unreserved characters, upper-case hex. */
export function encodeRfc3986(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += unreservedByte[byte]
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `20150830T123600Z`. */
export function toAmzDate(date: Date): string {
  return date.toISOString().replace(amzDateNoise, '');
}

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * The SigV4 canonical request. For every service but S3 the path is URI-encoded once more on top
 * of the encoding it is sent with, so a Bedrock model id's `:` (sent as `%3A`) is signed as `%253A`.
 * Query parameters are encoded and sorted by name, then value; headers lower-cased, trimmed, inner
 * whitespace collapsed, sorted by name.
 */
export function canonicalAwsRequest(
  method: string,
  url: URL,
  headers: Record<string, string>,
  payloadHash: string,
) {
  const path = url.pathname.split('/').map(encodeRfc3986).join('/') || '/';
  const query = [...url.searchParams]
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const names = Object.keys(headers).sort(compare);
  const canonicalHeaders = names
    .map((name) => `${name}:${(headers[name] ?? '').trim().replace(whitespaceRun, ' ')}\n`)
    .join('');
  const signedHeaders = names.join(';');
  return {
    text: [method, path, query, canonicalHeaders, signedHeaders, payloadHash].join('\n'),
    signedHeaders,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Signs a request with AWS Signature Version 4 (header form): the canonical request, the string to
 * sign over the credential scope `date/region/service/aws4_request`, and the HMAC chain from
 * `AWS4` + secret. Signs host, x-amz-date, x-amz-security-token (when there is a session token)
 * and any `headers` given.
 */
export function signAwsRequest(input: SignAwsRequestInput): SignedAwsHeaders {
  const url = new URL(input.url);
  const amzDate = toAmzDate(input.date);
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { host: url.host, 'x-amz-date': amzDate };
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  const token = input.credentials.sessionToken;
  if (token) headers['x-amz-security-token'] = token;
  const canonical = canonicalAwsRequest(input.method, url, headers, sha256Hex(input.body));
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical.text)].join('\n');
  let key = hmac(`AWS4${input.credentials.secretAccessKey}`, day);
  for (const part of [input.region, input.service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  const signed: SignedAwsHeaders = {
    authorization: `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${canonical.signedHeaders}, Signature=${signature}`,
    'x-amz-date': amzDate,
  };
  if (token) signed['x-amz-security-token'] = token;
  return signed;
}
