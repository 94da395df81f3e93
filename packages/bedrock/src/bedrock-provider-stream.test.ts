import { BadRequestError, decodeFloat32Base64, type Provider } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bedrockAt,
  call,
  collect,
  embed,
  failure,
  mockApiKeys,
  streamHello,
  textOf,
  weatherTool,
} from './__fixtures__/provider-harness.js';

let mock: MockUpstream;
let provider: Provider;
const encodedModel = 'anthropic.claude-3-5-sonnet-20240620-v1%3A0';

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: mockApiKeys });
  provider = bedrockAt(mock.url);
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

const lastBody = () => mock.requests.at(-1)?.body as Record<string, unknown>;

describe('bedrock streams and embeddings over real HTTP', () => {
  describe('stream', () => {
    it('streams role, content deltas, the finish reason, then one usage chunk, all with one id', async () => {
      const chunks = await collect(await provider.stream(streamHello, call));

      expect(mock.requests[0]).toMatchObject({ path: `/model/${encodedModel}/converse-stream` });
      expect(mock.requests[0]?.headers.accept).toBe('application/vnd.amazon.eventstream');
      expect(chunks.map((chunk) => chunk.choices[0]?.delta ?? null)).toEqual([
        { role: 'assistant', content: '' },
        { content: 'Mock ' },
        { content: 'reply ' },
        { content: 'to: ' },
        { content: 'Hello!' },
        {},
        null,
      ]);
      expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason ?? null)).toEqual([
        null,
        null,
        null,
        null,
        null,
        'stop',
        null,
      ]);
      expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
      expect(chunks.at(-1)).toMatchObject({
        choices: [],
        usage: { prompt_tokens: 1, completion_tokens: 4, total_tokens: 5 },
      });
    });

    it('streams tool calls: a header delta with id and name, then argument fragments, per index', async () => {
      const toolCalls = [
        { name: 'get_weather', arguments: '{"city":"Paris"}' },
        { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
      ];
      mock.script({ respond: { toolCalls } });

      const chunks = await collect(
        await provider.stream({ ...streamHello, tools: [weatherTool], tool_choice: 'required' }, call),
      );
      const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);

      expect(
        deltas.filter((delta) => delta.id).map((delta) => [delta.index, delta.type, delta.function?.name]),
      ).toEqual([
        [0, 'function', 'get_weather'],
        [1, 'function', 'get_weather'],
      ]);
      for (const [index, toolCall] of toolCalls.entries()) {
        const joined = deltas
          .filter((delta) => delta.index === index)
          .map((delta) => delta.function?.arguments ?? '')
          .join('');
        expect(joined).toBe(toolCall.arguments);
      }
      expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(['tool_calls']);
      expect(lastBody()).toMatchObject({ toolConfig: { toolChoice: { any: {} } } });
    });

    it('streams reasoning as reasoning_content deltas before the answer', async () => {
      mock.script({ respond: { reasoning: 'Greeting back.' } });

      const chunks = await collect(await provider.stream(streamHello, call));
      const reasoning = chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join('');

      expect(reasoning).toBe('Greeting back.');
      expect(textOf(chunks)).toBe('Mock reply to: Hello!');
      expect(chunks.some((chunk) => chunk.choices[0]?.delta.thinking_blocks)).toBe(true);
    });
  });

  describe('embeddings', () => {
    it('embeds with Titan V2, one InvokeModel call per input, usage summed', async () => {
      const result = await embed(
        provider,
        { model: 'x', input: ['one two', 'three'], dimensions: 256 },
        { model: 'amazon.titan-embed-text-v2:0' },
      );

      expect(mock.requests.map((request) => [request.path, request.body])).toEqual([
        [
          '/model/amazon.titan-embed-text-v2%3A0/invoke',
          { inputText: 'one two', dimensions: 256, normalize: true },
        ],
        [
          '/model/amazon.titan-embed-text-v2%3A0/invoke',
          { inputText: 'three', dimensions: 256, normalize: true },
        ],
      ]);
      expect(result.data.map((item) => [item.index, (item.embedding as number[]).length])).toEqual([
        [0, 256],
        [1, 256],
      ]);
      expect(result.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
      expect(result.model).toBe('amazon.titan-embed-text-v2:0');
    });

    it('embeds a batch with Cohere in one call, answering base64 when asked', async () => {
      const plain = await embed(
        provider,
        { model: 'x', input: ['a', 'b c'] },
        { model: 'cohere.embed-english-v3' },
      );
      const base64 = await embed(
        provider,
        { model: 'x', input: ['a', 'b c'], encoding_format: 'base64' },
        { model: 'cohere.embed-english-v3' },
      );

      expect(mock.requests[0]?.body).toEqual({ texts: ['a', 'b c'], input_type: 'search_document' });
      expect(plain.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
      expect(decodeFloat32Base64(String(base64.data[1]?.embedding))).toEqual(plain.data[1]?.embedding);
    });

    it('refuses a model that is not a Titan or Cohere embedding model', async () => {
      const error = await failure(embed(provider, { model: 'x', input: 'a' }, call));

      expect(error).toBeInstanceOf(BadRequestError);
      expect(mock.requestCount()).toBe(0);
    });
  });
});
