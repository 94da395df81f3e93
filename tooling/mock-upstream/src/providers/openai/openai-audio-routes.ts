import { createHash } from 'node:crypto';
import type { MockRoute, RouteContext } from '../../core/provider.js';
import { responseHeaders, sendErrorReply, sendJson } from '../../core/send-json.js';
import { openAIError } from './openai-error.js';

const contentTypes: Record<string, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

/** Answers a speech request: deterministic bytes derived from the input, in two chunks. */
export async function answerSpeech(context: RouteContext): Promise<void> {
  const body = context.request.body as
    | { input?: unknown; voice?: unknown; response_format?: unknown }
    | undefined;
  if (typeof body?.input !== 'string' || body.input === '' || body.voice === undefined) {
    return sendErrorReply(
      context,
      openAIError(400, "'input' and 'voice' are required properties", { param: 'input' }),
    );
  }
  const format = typeof body.response_format === 'string' ? body.response_format : 'mp3';
  const seed = createHash('sha256').update(body.input).digest();
  const audio = Buffer.concat([Buffer.from('ID3'), seed, seed]);
  context.channel.writeHead(200, {
    'content-type': contentTypes[format] ?? 'application/octet-stream',
    ...responseHeaders(context),
  });
  await context.channel.write(audio.subarray(0, 20));
  context.channel.end(audio.subarray(20));
}

/** `POST /v1/audio/speech`: deterministic bytes derived from the input, in two chunks. */
export const openAISpeechRoute: MockRoute = {
  method: 'POST',
  path: '/audio/speech',
  handle: answerSpeech,
};

const fieldPattern =
  /name="([^"]+)"(?:; filename="([^"]*)")?\r\n(?:Content-Type: [^\r\n]*\r\n)?\r\n([\s\S]*?)\r\n--/g;

/** The text fields and the file name of a multipart body (the file's bytes are not needed). */
function readForm(raw: string): { fields: Record<string, string>; filename?: string; fileBytes: number } {
  const fields: Record<string, string> = {};
  let filename: string | undefined;
  let fileBytes = 0;
  for (const match of raw.matchAll(fieldPattern)) {
    const [, name, file, value = ''] = match;
    if (file !== undefined) {
      filename = file;
      fileBytes = Buffer.byteLength(value);
    } else if (name) fields[name] = value;
  }
  return { fields, ...(filename !== undefined ? { filename } : {}), fileBytes };
}

/**
 * Answers a multipart transcription: a deterministic transcript naming the upload. The model is the
 * form's `model` field, or `deployment` (Azure's deployment URLs, where the field is optional).
 */
export function answerTranscription(context: RouteContext, deployment?: string): void {
  const contentType = context.request.headers['content-type'] ?? '';
  const form = readForm(context.request.rawBody);
  const model = deployment ?? form.fields.model;
  if (!contentType.startsWith('multipart/form-data') || form.filename === undefined || !model) {
    sendErrorReply(
      context,
      openAIError(400, "'file' and 'model' are required (multipart/form-data)", { param: 'file' }),
    );
    return;
  }
  const text = `Mock transcription of ${form.filename} (${form.fileBytes} bytes)`;
  if (form.fields.response_format === 'text') {
    context.channel.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      ...responseHeaders(context),
    });
    context.channel.end(`${text}\n`);
    return;
  }
  sendJson(context, 200, { text, usage: { type: 'duration', seconds: 1 } });
}

/** `POST /v1/audio/transcriptions` (multipart): a deterministic transcript naming the upload. */
export const openAITranscriptionRoute: MockRoute = {
  method: 'POST',
  path: '/audio/transcriptions',
  rawBody: true,
  async handle(context) {
    answerTranscription(context);
  },
};
