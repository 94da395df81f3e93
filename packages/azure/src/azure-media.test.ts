import {
  AuthenticationError,
  BadGatewayError,
  type BinaryBody,
  ContentPolicyViolationError,
  type Provider,
  RateLimitError,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { apiKey, azureAt, bodyOf, failure, otherKey } from './__fixtures__/provider-harness.js';

let mock: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, otherKey] });
  provider = azureAt(mock.url);
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

const image = { model: 'alias', prompt: 'a lighthouse at dusk', n: 1, size: '1024x1024', quality: 'hd' };
const speech = { model: 'alias', input: 'Hello there', voice: 'alloy', response_format: 'wav' as const };
const clip = {
  model: 'alias',
  file: { data: new Uint8Array([82, 73, 70, 70, 1, 2]), filename: 'clip.wav', contentType: 'audio/wav' },
  fields: { language: 'en', response_format: 'json' },
};

async function bytesOf(audio: BinaryBody): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of audio.body) parts.push(part);
  return Buffer.concat(parts);
}

describe('image generation', () => {
  it('posts OpenAI’s body to the deployment’s images/generations with api-version and api-key', async () => {
    const result = await provider.generateImage?.(image, { model: 'dalle3-prod' });

    const sent = mock.requests[0];
    expect(sent).toMatchObject({
      path: '/openai/deployments/dalle3-prod/images/generations',
      query: { 'api-version': '2024-10-21' },
    });
    expect(sent?.headers['api-key']).toBe(apiKey);
    expect(bodyOf(sent)).toEqual({ ...image, model: 'dalle3-prod' });
    expect(result?.data[0]?.b64_json).toMatch(/^iVBOR/);
    expect(result?.data[0]).toHaveProperty('content_filter_results');
  });

  it('passes Azure’s answer through, content filter verdicts included', async () => {
    const fixture = loadJsonFixture('image-generation.response.json');
    mock.script({ status: 200, errorBody: fixture, times: 1 });

    const result = await provider.generateImage?.(image, { model: 'dalle3-prod' });

    expect(result).toEqual(fixture);
  });

  it('uses the v1 surface with the deployment as model and an Entra ID token', async () => {
    const entra = azureAt(mock.url, { apiKey: undefined, azureADToken: otherKey });

    await entra.generateImage?.(image, { model: 'gpt-image-1', apiVersion: 'v1' });
    await entra.close?.();

    const sent = mock.requests[0];
    expect(sent).toMatchObject({ path: '/openai/v1/images/generations', query: {} });
    expect(sent?.headers.authorization).toBe(`Bearer ${otherKey}`);
    expect(bodyOf(sent).model).toBe('gpt-image-1');
  });

  it('classifies a refused prompt as a content policy violation and a 429 as a rate limit', async () => {
    mock.script({ status: 400, errorBody: loadJsonFixture('error-400-image-content-policy.json'), times: 1 });
    mock.script({ status: 429, headers: { 'retry-after': '3' }, times: 1 });

    const refused = await failure(provider.generateImage!(image, { model: 'dalle3-prod' }));
    const limited = await failure(provider.generateImage!(image, { model: 'dalle3-prod' }));

    expect(refused).toBeInstanceOf(ContentPolicyViolationError);
    expect(refused.message).toContain('rejected as a result of our safety system');
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.retryAfterMs).toBe(3000);
  });

  it('answers an image response without data with a 502', async () => {
    mock.script({ status: 200, errorBody: { created: 1 }, times: 1 });

    const error = await failure(provider.generateImage!(image, { model: 'dalle3-prod' }));

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.message).toContain('without data');
  });
});

describe('speech', () => {
  it('streams the audio back with its content type', async () => {
    const audio = await provider.speech?.(speech, { model: 'tts-prod' });

    expect(audio?.contentType).toBe('audio/wav');
    const bytes = await bytesOf(audio!);
    expect(bytes.subarray(0, 3).toString()).toBe('ID3');
    expect(bytes).toHaveLength(3 + 64);
    const sent = mock.requests[0];
    expect(sent).toMatchObject({
      path: '/openai/deployments/tts-prod/audio/speech',
      query: { 'api-version': '2024-10-21' },
    });
    expect(sent?.headers.accept).toBe('application/octet-stream');
    expect(bodyOf(sent)).toEqual({ ...speech, model: 'tts-prod' });
  });

  it('refuses a call without credentials before reaching the network', async () => {
    const anonymous = azureAt(mock.url, { apiKey: undefined });

    const error = await failure(anonymous.speech!(speech, { model: 'tts-prod' }));
    await anonymous.close?.();

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(mock.requestCount()).toBe(0);
  });
});

describe('transcription', () => {
  it('uploads the file as multipart with the fields and the deployment as model', async () => {
    const result = await provider.transcribe?.(clip, { model: 'whisper-prod' });

    expect(result?.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(result?.text ?? '{}')).toMatchObject({
      text: 'Mock transcription of clip.wav (6 bytes)',
    });
    const sent = mock.requests[0];
    expect(sent).toMatchObject({
      path: '/openai/deployments/whisper-prod/audio/transcriptions',
      query: { 'api-version': '2024-10-21' },
    });
    expect(sent?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent?.rawBody).toContain('name="language"\r\n\r\nen');
    expect(sent?.rawBody).toContain('name="model"\r\n\r\nwhisper-prod');
    expect(sent?.rawBody).toContain('filename="clip.wav"');
  });

  it('passes a plain-text transcription through as text', async () => {
    const result = await provider.transcribe?.(
      { ...clip, fields: { response_format: 'text' } },
      { model: 'whisper-prod', apiVersion: 'v1' },
    );

    expect(mock.requests[0]?.path).toBe('/openai/v1/audio/transcriptions');
    expect(result?.contentType).toMatch(/^text\/plain/);
    expect(result?.text.trim()).toBe('Mock transcription of clip.wav (6 bytes)');
  });
});
