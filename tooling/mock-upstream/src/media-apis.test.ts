import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

const key = 'media-mock-key-0123456789';
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [key] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

async function post(path: string, body: unknown, headers: Record<string, string>) {
  const response = await postJson(`${mock.url}${path}`, body, { headers });
  return {
    status: response.status,
    headers: response.headers,
    body: await readJson<Record<string, unknown>>(response),
  };
}

describe('Imagen :predict (Gemini API and Vertex AI)', () => {
  const gemini = { 'x-goog-api-key': key };
  const vertex = { authorization: `Bearer ${key}` };
  const vertexPath =
    '/v1/projects/p/locations/us-central1/publishers/google/models/imagen-4.0-generate-001:predict';

  it('answers sampleCount images as base64 predictions', async () => {
    const result = await post(
      '/v1beta/models/imagen-4.0-generate-001:predict',
      { instances: [{ prompt: 'a lighthouse' }], parameters: { sampleCount: 2, aspectRatio: '16:9' } },
      gemini,
    );
    expect(result.status).toBe(200);
    expect(result.body.predictions).toEqual([
      { mimeType: 'image/png', bytesBase64Encoded: expect.stringMatching(/^iVBOR/) },
      { mimeType: 'image/png', bytesBase64Encoded: expect.stringMatching(/^iVBOR/) },
    ]);
    expect(mock.requestCount('imagen-4.0-generate-001')).toBe(1);
  });

  it('on Vertex, answers JPEG and the enhanced prompt when asked', async () => {
    const result = await post(
      vertexPath,
      {
        instances: [{ prompt: 'a lighthouse' }],
        parameters: { sampleCount: 1, enhancePrompt: true, outputOptions: { mimeType: 'image/jpeg' } },
      },
      vertex,
    );
    expect(result.body.predictions).toEqual([
      {
        mimeType: 'image/jpeg',
        bytesBase64Encoded: expect.stringMatching(/^\/9j\//),
        prompt: expect.stringContaining('a lighthouse'),
      },
    ]);
  });

  it('refuses bad parameters with Google’s 400 and filters a blocked prompt', async () => {
    const bad = await post(
      '/v1beta/models/imagen-4.0-generate-001:predict',
      { instances: [{ prompt: 'x' }], parameters: { sampleCount: 5, aspectRatio: '3:2' } },
      gemini,
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    const vertexOnly = await post(
      '/v1beta/models/imagen-4.0-generate-001:predict',
      { instances: [{ prompt: 'x' }], parameters: { negativePrompt: 'fog' } },
      gemini,
    );
    expect(vertexOnly.status).toBe(400);
    expect(vertexOnly.body).toMatchObject({
      error: { message: 'negativePrompt is not supported in the Gemini API.' },
    });
    const filtered = await post(
      vertexPath,
      { instances: [{ prompt: 'something forbidden' }], parameters: { includeRaiReason: true } },
      vertex,
    );
    expect(filtered.body.predictions).toEqual([
      { raiFilteredReason: expect.stringContaining('safety filter') },
    ]);
    const silent = await post(
      '/v1beta/models/imagen-4.0-generate-001:predict',
      { instances: [{ prompt: 'forbidden' }] },
      gemini,
    );
    expect(silent.body).toEqual({});
  });

  it('honours scripted faults on :predict', async () => {
    mock.script({ match: { model: 'imagen-4.0-generate-001' }, status: 429, times: 1 });
    const limited = await post(
      '/v1beta/models/imagen-4.0-generate-001:predict',
      { instances: [{ prompt: 'x' }] },
      gemini,
    );
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { status: 'RESOURCE_EXHAUSTED' } });
  });
});

describe('Azure OpenAI images and audio', () => {
  const azure = { 'api-key': key };

  it('generates images on a deployment URL with content filter results', async () => {
    const result = await post(
      '/openai/deployments/dalle3/images/generations?api-version=2024-10-21',
      { prompt: 'a lighthouse', n: 1 },
      azure,
    );
    expect(result.status).toBe(200);
    const data = result.body.data as Array<Record<string, unknown>>;
    expect(data[0]).toMatchObject({
      b64_json: expect.stringMatching(/^iVBOR/),
      content_filter_results: { hate: { filtered: false } },
    });
    expect(mock.requestCount('dalle3')).toBe(1);
  });

  it('streams speech on the v1 surface and requires api-version on deployment URLs', async () => {
    const response = await postJson(
      `${mock.url}/openai/v1/audio/speech`,
      { model: 'tts', input: 'hello', voice: 'alloy', response_format: 'wav' },
      { headers: azure },
    );
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 3)
        .toString(),
    ).toBe('ID3');
    const missingVersion = await post(
      '/openai/deployments/tts/audio/speech',
      { input: 'x', voice: 'alloy' },
      azure,
    );
    expect(missingVersion.status).toBe(404);
  });

  it('transcribes a multipart upload without a model field on a deployment URL', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/wav' }), 'clip.wav');
    const response = await fetch(
      `${mock.url}/openai/deployments/whisper/audio/transcriptions?api-version=2024-10-21`,
      {
        method: 'POST',
        headers: azure,
        body: form,
      },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ text: 'Mock transcription of clip.wav (3 bytes)' });
  });
});
