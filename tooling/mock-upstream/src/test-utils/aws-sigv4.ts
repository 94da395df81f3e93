import { createHash, createHmac } from 'node:crypto';
import type { RecordedRequest } from '../core/recorded-request.js';
import { canonicalSigV4Request } from '../providers/bedrock/verify-sigv4.js';

export interface TestCredentials {
  accessKeyId: string;
  secret: string;
}

/**
 * Signs a POST the way an AWS client does (host;x-amz-date, payload hash), for tests that call the
 * mock directly. The canonical request is the mock's own, which the test-suite vectors pin down.
 */
export function sigV4Headers(
  url: string,
  body: string,
  credentials: TestCredentials,
  options: { region?: string; service?: string; amzDate?: string } = {},
): Record<string, string> {
  const target = new URL(url);
  const amzDate = options.amzDate ?? '20250101T000000Z';
  const date = amzDate.slice(0, 8);
  const region = options.region ?? 'us-east-1';
  const service = options.service ?? 'bedrock';
  const headers = { host: target.host, 'x-amz-date': amzDate };
  const request = {
    method: 'POST',
    path: target.pathname,
    query: {},
    headers,
    rawBody: body,
  } as unknown as RecordedRequest;
  const canonical = canonicalSigV4Request(request, ['host', 'x-amz-date']);
  const scope = `${date}/${region}/${service}/aws4_request`;
  const digest = createHash('sha256').update(canonical).digest('hex');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, digest].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${credentials.secret}`).update(date).digest();
  for (const part of [region, service, 'aws4_request']) {
    key = createHmac('sha256', key).update(part).digest();
  }
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return {
    'x-amz-date': amzDate,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=host;x-amz-date, Signature=${signature}`,
  };
}
