import { BadRequestError, parseRequest, speechRequestSchema } from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { byteStream } from '../http/byte-stream.js';
import { callOptionsFor } from '../http/call-options.js';
import { requestSignal } from '../http/node-request.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** The multipart form of a transcription request, as the gateway takes it. */
async function readTranscriptionForm(c: Context<ProxyEnv>) {
  const contentType = c.req.header('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data')) {
    throw new BadRequestError({
      message: 'Send the audio as multipart/form-data with a "file" field.',
      param: 'file',
    });
  }
  const form = await c.req.parseBody({ all: true });
  const file = form.file;
  if (!(file instanceof File)) {
    throw new BadRequestError({
      message: 'The "file" field (the audio to transcribe) is required.',
      param: 'file',
    });
  }
  const model = form.model;
  if (typeof model !== 'string' || model === '') {
    throw new BadRequestError({ message: 'The "model" field is required.', param: 'model' });
  }
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(form)) {
    if (name === 'file' || name === 'model') continue;
    const values = (Array.isArray(value) ? value : [value]).filter(
      (item): item is string => typeof item === 'string',
    );
    if (values.length > 0) fields[name] = values.length === 1 && !name.endsWith('[]') ? values[0]! : values;
  }
  const data = new Uint8Array(await file.arrayBuffer());
  return {
    model,
    fields,
    file: { data, filename: file.name || 'audio', contentType: file.type || 'application/octet-stream' },
  };
}

/** POST /v1/audio/speech (audio streamed back) and /v1/audio/transcriptions (multipart upload). */
export function audioRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const speech = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const callOptions = callOptionsFor(c, body, services);
    const request = parseRequest(speechRequestSchema, body);
    const audio = await services.gateway.speech(request, callOptions);
    return new Response(byteStream(audio.body), {
      status: 200,
      headers: { 'content-type': audio.contentType },
    });
  };
  const transcription = async (c: Context<ProxyEnv>) => {
    const request = await readTranscriptionForm(c);
    const onCall = c.get('callObserver');
    const result = await services.gateway.transcription(request, {
      signal: requestSignal(c),
      trace: c.get('trace'),
      ...(onCall ? { onCall } : {}),
    });
    return c.body(result.text, 200, { 'content-type': result.contentType });
  };
  app.post('/v1/audio/speech', speech);
  app.post('/audio/speech', speech);
  app.post('/v1/audio/transcriptions', transcription);
  app.post('/audio/transcriptions', transcription);
}
