import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy, upstreamKey } from './start-test-proxy.js';

let setup: TestProxy;
let client: OpenAI;

beforeAll(async () => {
  setup = await startTestProxy(
    '',
    `  - model_name: tts
    litellm_params:
      model: openai/gpt-4o-mini-tts
      api_base: MOCK/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
  - model_name: stt
    litellm_params:
      model: openai/whisper-1
      api_base: MOCK/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
`,
  );
  client = new OpenAI({ apiKey: masterKey, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

describe('audio with the official openai client', () => {
  it('streams speech audio back with its content type', async () => {
    const response = await client.audio.speech.create({
      model: 'tts',
      voice: 'alloy',
      input: 'Hello there',
      response_format: 'wav',
    });
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const audio = Buffer.from(await response.arrayBuffer());
    expect(audio.subarray(0, 3).toString()).toBe('ID3');
    expect(audio.length).toBe(3 + 64);
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe('/v1/audio/speech');
    expect(upstream?.body).toMatchObject({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Hello there' });
  });

  it('transcribes a multipart upload, forwarding the file and fields', async () => {
    const file = await toFile(Buffer.from('RIFF0000WAVEfmt '), 'clip.wav', { type: 'audio/wav' });
    const result = await client.audio.transcriptions.create({ model: 'stt', file, language: 'en' });
    expect(result.text).toBe('Mock transcription of clip.wav (16 bytes)');
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe('/v1/audio/transcriptions');
    expect(upstream?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upstream?.headers.authorization).toBe(`Bearer ${upstreamKey}`);
    expect(upstream?.rawBody).toContain('name="model"\r\n\r\nwhisper-1');
    expect(upstream?.rawBody).toContain('name="language"\r\n\r\nen');
  });

  it('passes a plain-text transcription through as text', async () => {
    const file = await toFile(Buffer.from('abc'), 'a.mp3', { type: 'audio/mpeg' });
    const text = await client.audio.transcriptions.create({ model: 'stt', file, response_format: 'text' });
    expect(String(text).trim()).toBe('Mock transcription of a.mp3 (3 bytes)');
  });

  it('refuses a missing file or a provider without audio with a 400', async () => {
    const response = await fetch(`${setup.proxy.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    const error = await client.audio.speech
      .create({ model: 'local', voice: 'alloy', input: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain('does not support text to speech');
  });
});
