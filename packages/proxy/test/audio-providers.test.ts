import { createAzure } from '@switchyard/azure';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy, upstreamKey } from './start-test-proxy.js';

let setup: TestProxy;
let client: OpenAI;

beforeAll(async () => {
  setup = await startTestProxy(
    '',
    `  - model_name: azure-tts
    litellm_params:
      model: azure/tts-prod
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
  - model_name: azure-whisper
    litellm_params:
      model: azure/whisper-prod
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
      api_version: v1
`,
    [createAzure({ env: {} })],
  );
  client = new OpenAI({ apiKey: masterKey, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

describe('Azure OpenAI audio with the official openai client', () => {
  it('streams speech from the deployment back with its content type', async () => {
    const response = await client.audio.speech.create({
      model: 'azure-tts',
      voice: 'alloy',
      input: 'Hello there',
      response_format: 'flac',
    });

    expect(response.headers.get('content-type')).toBe('audio/flac');
    const audio = Buffer.from(await response.arrayBuffer());
    expect(audio.subarray(0, 3).toString()).toBe('ID3');
    expect(audio).toHaveLength(3 + 64);
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe('/openai/deployments/tts-prod/audio/speech');
    expect(upstream?.query).toEqual({ 'api-version': '2024-10-21' });
    expect(upstream?.headers['api-key']).toBe(upstreamKey);
    expect(upstream?.body).toMatchObject({ voice: 'alloy', input: 'Hello there', response_format: 'flac' });
  });

  it('transcribes a multipart upload on the v1 surface with the deployment as model', async () => {
    const file = await toFile(Buffer.from('RIFF0000WAVEfmt '), 'clip.wav', { type: 'audio/wav' });
    const result = await client.audio.transcriptions.create({ model: 'azure-whisper', file, language: 'de' });

    expect(result.text).toBe('Mock transcription of clip.wav (16 bytes)');
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe('/openai/v1/audio/transcriptions');
    expect(upstream?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upstream?.rawBody).toContain('name="model"\r\n\r\nwhisper-prod');
    expect(upstream?.rawBody).toContain('name="language"\r\n\r\nde');
  });

  it('maps an upstream failure to its status', async () => {
    setup.upstream.script({ status: 503 });
    const error = await client.audio.speech
      .create({ model: 'azure-tts', voice: 'alloy', input: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(503);
  });
});
