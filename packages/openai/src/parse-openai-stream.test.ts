import {
  BadGatewayError,
  type ChatChunk,
  ContextWindowExceededError,
  getRawJson,
  InternalServerError,
  SwitchyardError,
  safeParseJson,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadFixture, loadJsonFixture, sseFrames } from './__fixtures__/load-fixture.js';
import { openAIError } from './openai-error.js';
import { parseOpenAIStream } from './parse-openai-stream.js';

const usageTranscript = loadFixture('chat-stream-include-usage.sse');
const toolCallTranscript = loadFixture('chat-stream-tool-call.sse');

const context = {
  provider: 'openai',
  toError: (body: string) =>
    openAIError({ provider: 'openai', model: 'gpt-4o-mini', status: 500, headers: {}, body, secrets: [] }),
};

const encoder = new TextEncoder();

/** The transcript's bytes cut at the given byte offsets. */
function cutAt(text: string, offsets: number[]): Uint8Array[] {
  const bytes = encoder.encode(text);
  const bounds = [0, ...offsets.filter((offset) => offset > 0 && offset < bytes.length), bytes.length];
  return bounds.slice(1).map((end, index) => bytes.slice(bounds[index], end));
}

/** The transcript's bytes in pieces of `size` bytes. */
function pieces(text: string, size: number): Uint8Array[] {
  const length = encoder.encode(text).length;
  return cutAt(
    text,
    Array.from({ length: Math.ceil(length / size) }, (_, index) => index * size),
  );
}

async function* replay(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

async function collect(chunks: Iterable<Uint8Array>): Promise<ChatChunk[]> {
  const out: ChatChunk[] = [];
  for await (const chunk of parseOpenAIStream(replay(chunks), context)) out.push(chunk);
  return out;
}

/** Reads until the stream fails; returns what was yielded before and the error. */
async function collectUntilError(chunks: Iterable<Uint8Array>) {
  const yielded: ChatChunk[] = [];
  try {
    for await (const chunk of parseOpenAIStream(replay(chunks), context)) yielded.push(chunk);
  } catch (error) {
    return { yielded, error };
  }
  throw new Error(`the stream ended without an error after ${yielded.length} chunks`);
}

const jsonFrames = (transcript: string) => sseFrames(transcript).filter((frame) => frame !== '[DONE]');
const parse = (frame: string) => {
  const parsed = safeParseJson(frame);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
};
const transcriptOf = (frames: string[]) => frames.map((frame) => `data: ${frame}\n\n`).join('');

describe('parseOpenAIStream', () => {
  const frames = jsonFrames(usageTranscript);
  const emoji = encoder.encode(usageTranscript).indexOf(0xf0);
  const betweenLineFeeds = usageTranscript.indexOf('\n\n') + 1;

  it.each([
    ['in one piece', [encoder.encode(usageTranscript)]],
    ['one byte at a time', pieces(usageTranscript, 1)],
    ['in 7-byte pieces', pieces(usageTranscript, 7)],
    [
      'inside "data:", between the two LFs and inside a 4-byte character',
      cutAt(usageTranscript, [3, betweenLineFeeds, emoji + 1, emoji + 3]),
    ],
  ])(
    'yields the recorded frames, each linked to its text, when the bytes arrive %s',
    async (_how, chunks) => {
      const parsed = await collect(chunks);

      expect(parsed).toEqual(frames.map(parse));
      expect(parsed.map((chunk) => getRawJson(chunk))).toEqual(frames);
    },
  );

  it('joins to the recorded text and ends with the usage chunk when include_usage was asked for', async () => {
    const chunks = await collect([encoder.encode(usageTranscript)]);

    const text = chunks
      .flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? ''))
      .join('');
    expect(text).toBe('Hello! 👋 How can I assist you today?');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 19, completion_tokens: 10, total_tokens: 29 },
    });
  });

  it('yields streamed tool calls whose argument fragments join to the non-streamed arguments', async () => {
    const chunks = await collect(pieces(toolCallTranscript, 13));
    const response = loadJsonFixture<{
      choices: Array<{
        message: { tool_calls: Array<{ id: string; function: { name: string; arguments: string } }> };
      }>;
    }>('chat-tool-call.response.json');
    const expected = response.choices[0]!.message.tool_calls[0]!;

    const deltas = chunks.flatMap((chunk) =>
      chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []),
    );
    expect(deltas[0]).toMatchObject({
      index: 0,
      id: expected.id,
      function: { name: expected.function.name },
    });
    expect(deltas.map((delta) => delta.function?.arguments ?? '').join('')).toBe(expected.function.arguments);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.map((chunk) => getRawJson(chunk))).toEqual(jsonFrames(toolCallTranscript));
  });

  it('reads CRLF line endings and skips comment lines (keep-alives some compatible APIs send)', async () => {
    const crlf = `: OPENROUTER PROCESSING\r\n\r\n${usageTranscript.replaceAll('\n', '\r\n')}`;

    const chunks = await collect(pieces(crlf, 5));

    expect(chunks.map((chunk) => getRawJson(chunk))).toEqual(frames);
  });

  it('ends at [DONE], then reads the rest of the body in the background so the connection can be reused', async () => {
    let bodyEnded: () => void = () => {};
    const ended = new Promise<void>((resolve) => {
      bodyEnded = resolve;
    });
    let endOfBody: () => void = () => {};
    const endArrives = new Promise<void>((resolve) => {
      endOfBody = resolve;
    });
    let readToEnd = false;
    async function* body() {
      try {
        yield encoder.encode(usageTranscript);
        // The end of the body arrives after [DONE] (its own TCP packet): the consumer must not wait
        // for it, and the body must still be read to its end rather than destroyed.
        await endArrives;
        yield encoder.encode('data: {"ignored after":"[DONE]"\n\n');
        readToEnd = true;
      } finally {
        bodyEnded();
      }
    }

    const chunks: ChatChunk[] = [];
    for await (const chunk of parseOpenAIStream(body(), context)) chunks.push(chunk);
    endOfBody();
    await ended;

    expect(chunks).toHaveLength(frames.length);
    expect(readToEnd).toBe(true);
  });

  it('releases the body when the consumer stops early', async () => {
    let released = false;
    async function* body() {
      try {
        for (const chunk of pieces(usageTranscript, 50)) yield chunk;
      } finally {
        released = true;
      }
    }

    for await (const chunk of parseOpenAIStream(body(), context)) {
      expect(chunk.choices[0]?.delta.role).toBe('assistant');
      break;
    }

    expect(released).toBe(true);
  });

  it('ends with a BadGatewayError incomplete_stream when the body ends before [DONE] without a finish reason', async () => {
    const cut = transcriptOf(frames.slice(0, 3));

    const { yielded, error } = await collectUntilError(pieces(cut, 11));

    expect(yielded.map((chunk) => getRawJson(chunk))).toEqual(frames.slice(0, 3));
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ code: 'incomplete_stream', provider: 'openai', retryable: true });
  });

  it('treats a body cut mid-frame like any other cut-off stream', async () => {
    const bytes = encoder.encode(usageTranscript);
    const midSecondFrame = bytes.indexOf(0x0a) + 40;

    const { yielded, error } = await collectUntilError([bytes.slice(0, midSecondFrame)]);

    expect(yielded).toHaveLength(1);
    expect(error).toMatchObject({ code: 'incomplete_stream' });
  });

  it('accepts a body that ends after the finish reason but before [DONE] (usage chunk lost)', async () => {
    const chunks = await collect([encoder.encode(transcriptOf(frames.slice(0, 5)))]);

    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('turns an {"error":…} frame into the error the context maps it to', async () => {
    const errorFrame = JSON.stringify(loadJsonFixture('error-500-server-error.json'));
    const overflowFrame = JSON.stringify(loadJsonFixture('error-400-context-length-exceeded.json'));

    const serverError = await collectUntilError([encoder.encode(transcriptOf([frames[0]!, errorFrame]))]);
    const overflow = await collectUntilError([encoder.encode(transcriptOf([overflowFrame]))]);

    expect(serverError.yielded).toHaveLength(1);
    expect(serverError.error).toBeInstanceOf(InternalServerError);
    expect(serverError.error).toMatchObject({ type: 'server_error', retryable: true, body: errorFrame });
    expect(overflow.error).toBeInstanceOf(ContextWindowExceededError);
    expect(overflow.error).toMatchObject({ param: 'messages', code: 'context_length_exceeded' });
  });

  it('fails with a BadGatewayError on a frame that is not JSON, or not a chunk', async () => {
    const invalid = await collectUntilError([
      encoder.encode(transcriptOf([frames[0]!, '{"id":"chatcmpl-123",'])),
    ]);
    const notAChunk = await collectUntilError([encoder.encode(transcriptOf(['[1,2]']))]);
    const noChoices = await collectUntilError([encoder.encode(transcriptOf(['{"id":"chatcmpl-123"}']))]);

    expect(invalid.yielded).toHaveLength(1);
    for (const { error } of [invalid, notAChunk, noChoices]) {
      expect(error).toBeInstanceOf(BadGatewayError);
      expect(error).toMatchObject({ code: 'invalid_upstream_response', provider: 'openai' });
    }
  });

  it('passes errors from the body through unchanged', async () => {
    const failure = new SwitchyardError({ message: 'socket reset', code: 'connection_error', status: 502 });
    async function* body() {
      yield encoder.encode(transcriptOf(frames.slice(0, 1)));
      throw failure;
    }

    const chunks: ChatChunk[] = [];
    const error = await (async () => {
      for await (const chunk of parseOpenAIStream(body(), context)) chunks.push(chunk);
    })().catch((caught: unknown) => caught);

    expect(chunks).toHaveLength(1);
    expect(error).toBe(failure);
  });
});

describe('parseOpenAIStream with lenient compatible servers', () => {
  it('accepts a final usage chunk whose choices are null', async () => {
    const frames = [
      'data: {"id":"a","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}\n\n',
      'data: {"id":"a","object":"chat.completion.chunk","created":1,"model":"m","choices":null,"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}\n\n',
      'data: [DONE]\n\n',
    ];
    async function* body() {
      for (const frame of frames) yield new TextEncoder().encode(frame);
    }
    const chunks = [];
    for await (const chunk of parseOpenAIStream(body(), {
      provider: 'p',
      toError: () => new BadGatewayError({ message: 'x' }),
    })) {
      chunks.push(chunk);
    }
    expect(chunks[1]?.choices).toEqual([]);
    expect(chunks[1]?.usage?.total_tokens).toBe(2);
  });
});
