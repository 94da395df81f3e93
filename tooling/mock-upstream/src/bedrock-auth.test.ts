import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedRequest } from './core/recorded-request.js';
import { type MockUpstream, startMockUpstream } from './index.js';
import { isValidSigV4Signature, parseSigV4Authorization } from './providers/bedrock/verify-sigv4.js';
import { sigV4Headers } from './test-utils/aws-sigv4.js';
import { postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const apiKey = 'bedrock-api-key-for-tests';
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [`${credentials.accessKeyId}:${credentials.secret}`, apiKey] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] });
const url = () =>
  `${mock.url}/model/${encodeURIComponent('anthropic.claude-3-haiku-20240307-v1:0')}/converse`;
const post = (headers: Record<string, string>) => postJson(url(), body, { headers });

async function denial(response: Response) {
  return {
    status: response.status,
    type: response.headers.get('x-amzn-errortype')?.split(':')[0],
    message: (await readJson<{ message: string }>(response)).message,
  };
}

describe('SigV4 verification against the AWS test suite', () => {
  it('accepts the published get-vanilla signature and rejects a changed one', () => {
    const request = {
      method: 'GET',
      path: '/',
      query: {},
      headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
      rawBody: '',
    } as unknown as RecordedRequest;
    const header =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
    const authorization = parseSigV4Authorization(header);
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

    expect(authorization).toBeDefined();
    expect(isValidSigV4Signature(request, authorization!, secret)).toBe(true);
    expect(isValidSigV4Signature({ ...request, method: 'POST' }, authorization!, secret)).toBe(false);
  });
});

describe('Bedrock authentication', () => {
  it('accepts a valid SigV4 signature over the encoded path and the body', async () => {
    const response = await post(sigV4Headers(url(), body, credentials));

    expect(response.status).toBe(200);
  });

  it('accepts a Bedrock API key as a bearer token', async () => {
    expect((await post({ authorization: `Bearer ${apiKey}` })).status).toBe(200);
  });

  it('refuses a signature made with the wrong secret', async () => {
    const headers = sigV4Headers(url(), body, { ...credentials, secret: 'not-the-secret' });

    expect(await denial(await post(headers))).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
      message: expect.stringContaining('does not match the signature you provided'),
    });
  });

  it('refuses a signature over another body', async () => {
    const headers = sigV4Headers(url(), `${body} `, credentials);

    expect((await denial(await post(headers))).type).toBe('InvalidSignatureException');
  });

  it('refuses credentials scoped to another service, unknown keys and missing tokens', async () => {
    const otherService = sigV4Headers(url(), body, credentials, { service: 's3' });
    const unknown = sigV4Headers(url(), body, { ...credentials, accessKeyId: 'AKIAUNKNOWNKEY000000' });

    expect(await denial(await post(otherService))).toMatchObject({ type: 'InvalidSignatureException' });
    expect(await denial(await post(unknown))).toMatchObject({
      status: 403,
      type: 'UnrecognizedClientException',
    });
    expect(await denial(await post({ authorization: 'Bearer wrong' }))).toMatchObject({
      type: 'UnrecognizedClientException',
    });
    expect(await denial(await post({}))).toEqual({
      status: 403,
      type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });
});
