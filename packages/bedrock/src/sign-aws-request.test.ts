import { describe, expect, it } from 'vitest';
import { canonicalAwsRequest, signAwsRequest } from './sign-aws-request.js';

// AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite): its credentials, date,
// region and service, and the Authorization header each case must produce.
const suite = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  region: 'us-east-1',
  service: 'service',
  date: new Date('2015-08-30T12:36:00Z'),
  body: '',
};
const scope = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const sessionToken =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

describe('signAwsRequest against the AWS SigV4 test suite', () => {
  it.each([
    [
      'get-vanilla',
      'GET',
      'https://example.amazonaws.com/',
      {},
      'host;x-amz-date',
      '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    ],
    [
      'post-vanilla',
      'POST',
      'https://example.amazonaws.com/',
      {},
      'host;x-amz-date',
      '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
    ],
    [
      'get-vanilla-query-order-key-case',
      'GET',
      'https://example.amazonaws.com/?Param2=value2&Param1=value1',
      {},
      'host;x-amz-date',
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
    [
      'post-header-key-sort',
      'POST',
      'https://example.amazonaws.com/',
      { 'My-Header1': 'value1' },
      'host;my-header1;x-amz-date',
      'c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c',
    ],
  ])('%s', (_name, method, url, headers, signedHeaders, signature) => {
    const signed = signAwsRequest({ ...suite, method, url, headers });

    expect(signed).toEqual({
      authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
      'x-amz-date': '20150830T123600Z',
    });
  });

  it('post-sts-header-before: signs the session token and sends it', () => {
    const signed = signAwsRequest({
      ...suite,
      credentials: { ...suite.credentials, sessionToken },
      method: 'POST',
      url: 'https://example.amazonaws.com/',
    });

    expect(signed).toEqual({
      authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead`,
      'x-amz-date': '20150830T123600Z',
      'x-amz-security-token': sessionToken,
    });
  });
});

describe('canonicalAwsRequest for Bedrock', () => {
  it('encodes the already-encoded model id once more (%3A is signed as %253A) and signs the port', () => {
    const url = new URL(
      'http://127.0.0.1:8080/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse',
    );
    const headers = { host: url.host, 'x-amz-date': '20250101T000000Z' };

    const canonical = canonicalAwsRequest(
      'POST',
      url,
      headers,
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );

    expect(canonical.text).toBe(
      [
        'POST',
        '/model/us.anthropic.claude-3-7-sonnet-20250219-v1%253A0/converse',
        '',
        'host:127.0.0.1:8080',
        'x-amz-date:20250101T000000Z',
        '',
        'host;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
  });

  it('hashes the body it is given, so another body gives another signature', () => {
    const base = {
      ...suite,
      service: 'bedrock',
      method: 'POST',
      url: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse',
    };

    expect(signAwsRequest({ ...base, body: '{"a":1}' }).authorization).not.toBe(
      signAwsRequest({ ...base, body: '{"a":2}' }).authorization,
    );
  });
});
