import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/error-classes.js';
import { createSwitchyard } from '../gateway/create-switchyard.js';
import { defaultCapabilities, type Provider } from '../provider.js';
import type { ChatRequest } from '../schemas/chat-request.js';
import type { ChatChunk } from '../schemas/chat-response.js';
import type { ResponseObject, ResponseStreamEvent } from './response-object.js';
import { createMemoryResponseStore } from './response-store.js';

/** Answers with the last user message upper-cased and records every chat request. */
function recordingProvider(requests: ChatRequest[]): Provider {
  const answer = (request: ChatRequest) => {
    const user = request.messages.filter((message) => message.role === 'user').at(-1);
    return String(user?.content ?? '').toUpperCase();
  };
  return {
    id: 'echo',
    capabilities: { ...defaultCapabilities, streamUsage: true },
    async chat(request) {
      requests.push(request);
      return {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 7,
        model: request.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: answer(request) }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 },
      };
    },
    async stream(request) {
      requests.push(request);
      const base = {
        id: 'chatcmpl-2',
        object: 'chat.completion.chunk' as const,
        created: 7,
        model: request.model,
      };
      const chunks: ChatChunk[] = [
        {
          ...base,
          choices: [
            { index: 0, delta: { role: 'assistant', content: answer(request) }, finish_reason: null },
          ],
        },
        { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
        { ...base, choices: [], usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 } },
      ];
      return (async function* () {
        yield* chunks;
      })();
    },
  };
}

function setup() {
  const requests: ChatRequest[] = [];
  let next = 0;
  const gateway = createSwitchyard({
    providers: [recordingProvider(requests)],
    responseStore: createMemoryResponseStore({ maxEntries: 10 }),
    generateResponseId: () => `resp_${++next}`,
    now: () => 1_700_000_000_000,
  });
  return { gateway, requests };
}

describe('gateway.responses', () => {
  it('answers through chat, stores the response and continues from it', async () => {
    const { gateway, requests } = setup();
    const first = (await gateway.responses({
      model: 'echo/m',
      input: 'hello',
      instructions: 'Be kind.',
    })) as ResponseObject;
    expect(first).toMatchObject({ id: 'resp_1', status: 'completed', created_at: 1_700_000_000 });
    expect(first.output[0]).toMatchObject({ type: 'message', content: [{ text: 'HELLO' }] });
    expect(await gateway.getResponse('resp_1')).toEqual(first);

    const second = (await gateway.responses({
      model: 'echo/m',
      input: 'again',
      previous_response_id: 'resp_1',
    })) as ResponseObject;
    expect(second.previous_response_id).toBe('resp_1');
    // Instructions are not carried over; the earlier turns are.
    expect(requests[1]?.messages).toEqual([
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'HELLO' },
      { role: 'user', content: 'again' },
    ]);
  });

  it('streams events and stores the completed response', async () => {
    const { gateway, requests } = setup();
    const stream = (await gateway.responses({
      model: 'echo/m',
      input: 'hi',
      stream: true,
    })) as AsyncIterable<ResponseStreamEvent>;
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(requests[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect((await gateway.getResponse('resp_1')).usage).toMatchObject({ total_tokens: 5 });
  });

  it('does not store with store: false', async () => {
    const { gateway } = setup();
    await gateway.responses({ model: 'echo/m', input: 'hi', store: false });
    await expect(gateway.getResponse('resp_1')).rejects.toThrow(NotFoundError);
  });

  it('refuses an unknown previous_response_id with a 404 naming it, without calling the provider', async () => {
    const { gateway, requests } = setup();
    const error = await gateway
      .responses({ model: 'echo/m', input: 'hi', previous_response_id: 'resp_missing' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      param: 'previous_response_id',
      message: expect.stringContaining('resp_missing'),
    });
    expect(requests).toHaveLength(0);
  });

  it('deletes a stored response, then answers 404 for it', async () => {
    const { gateway } = setup();
    await gateway.responses({ model: 'echo/m', input: 'hi' });
    expect(await gateway.deleteResponse('resp_1')).toEqual({
      id: 'resp_1',
      object: 'response',
      deleted: true,
    });
    await expect(gateway.deleteResponse('resp_1')).rejects.toThrow(NotFoundError);
  });
});
