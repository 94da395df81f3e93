import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import type { ConverseResponse } from './providers/bedrock/build-converse-response.js';
import { postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

const model = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const apiKey = 'bedrock-api-key-for-tests';
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const auth = { authorization: `Bearer ${apiKey}` };
const hello = { messages: [{ role: 'user', content: [{ text: 'hello world' }] }] };
const converseUrl = (id = model, operation = 'converse') =>
  `${mock.url}/model/${encodeURIComponent(id)}/${operation}`;
const converse = (body: unknown, id = model) => postJson(converseUrl(id), body, { headers: auth });
const readResponse = (response: Response) => readJson<ConverseResponse>(response);
const weatherTool = {
  toolSpec: {
    name: 'get_weather',
    description: 'Weather in a city',
    inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
  },
};

describe('POST /model/{modelId}/converse', () => {
  it('answers a ConverseResponse derived from the request, with usage and a request id', async () => {
    const response = await converse({ system: [{ text: 'Be brief.' }], ...hello });

    expect(response.status).toBe(200);
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await readResponse(response)).toEqual({
      output: { message: { role: 'assistant', content: [{ text: 'Mock reply to: hello world' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 4, outputTokens: 5, totalTokens: 9 },
      metrics: { latencyMs: 42 },
    });
  });

  it('reads the model from the URL-encoded path for match.model and requestCount', async () => {
    const profile = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0';
    mock.script({ match: { model: profile }, respond: { content: 'from the profile' } });

    const scripted = await readResponse(await converse(hello, profile));
    const other = await readResponse(await converse(hello));

    expect(scripted.output.message.content).toEqual([{ text: 'from the profile' }]);
    expect(other.output.message.content).toEqual([{ text: 'Mock reply to: hello world' }]);
    expect(mock.requestCount(profile)).toBe(1);
    expect(mock.requestCount(model)).toBe(1);
    expect(mock.requests[0]?.path).toBe('/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse');
  });

  it('answers scripted tool calls, and forces the tool named by toolChoice', async () => {
    mock.script({
      times: 1,
      respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
    });
    const toolConfig = { tools: [weatherTool] };

    const scripted = await readResponse(await converse({ ...hello, toolConfig }));
    const forced = await readResponse(
      await converse({
        ...hello,
        toolConfig: { ...toolConfig, toolChoice: { tool: { name: 'get_weather' } } },
      }),
    );

    expect(scripted.stopReason).toBe('tool_use');
    expect(scripted.output.message.content).toEqual([
      {
        toolUse: {
          toolUseId: expect.stringMatching(/^tooluse_/),
          name: 'get_weather',
          input: { city: 'Paris' },
        },
      },
    ]);
    expect(forced.output.message.content).toEqual([
      { toolUse: { toolUseId: expect.stringMatching(/^tooluse_/), name: 'get_weather', input: {} } },
    ]);
  });

  it('returns a signed reasoning block when thinking is enabled', async () => {
    const response = await readResponse(
      await converse({
        ...hello,
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      }),
    );

    expect(response.output.message.content[0]).toEqual({
      reasoningContent: {
        reasoningText: { text: 'Thinking about: hello world', signature: expect.any(String) },
      },
    });
  });

  it('answers structured output with JSON that fits the schema', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer' } },
      required: ['city', 'days'],
    };
    const outputConfig = {
      textFormat: {
        type: 'json_schema',
        structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'trip' } },
      },
    };

    const response = await readResponse(await converse({ ...hello, outputConfig }));

    expect(response.output.message.content).toEqual([{ text: '{"city":"mock","days":0}' }]);
  });

  it('reports scripted usage in Converse terms: cache reads and writes apart from inputTokens', async () => {
    mock.script({ respond: { usage: { prompt_tokens: 100, completion_tokens: 7, cached_tokens: 60 } } });

    const response = await readResponse(await converse(hello));

    expect(response.usage).toEqual({
      inputTokens: 40,
      outputTokens: 7,
      totalTokens: 107,
      cacheReadInputTokens: 60,
    });
  });

  it.each([
    [{ messages: [{ role: 'assistant', content: [{ text: 'hi' }] }] }, 'must start with a user message'],
    [{ messages: [hello.messages[0], hello.messages[0]] }, 'must alternate between user and assistant roles'],
    [{ messages: [{ role: 'user', content: [{ text: ' ' }] }] }, 'is blank'],
    [
      {
        messages: [
          {
            role: 'user',
            content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ text: 'sunny' }] } }],
          },
        ],
      },
      'toolConfig field must be defined',
    ],
    [
      { messages: [{ role: 'user', content: [{ image: { format: 'bmp', source: { bytes: 'AAAA' } } }] }] },
      'Member must satisfy enum value set: [png, jpeg, gif, webp]',
    ],
  ])('refuses an invalid conversation with a ValidationException (%#)', async (body, message) => {
    const response = await converse(body);

    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
    expect((await readJson<{ message: string }>(response)).message).toContain(message);
  });

  it('answers scripted statuses with Bedrock error bodies and x-amzn-errortype', async () => {
    mock.script({ status: 429, times: 1 });
    mock.script({ status: 400, errorBody: { message: 'Input is too long for requested model.' }, times: 1 });

    const throttled = await converse(hello);
    const tooLong = await converse(hello);

    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-amzn-errortype')).toBe(
      'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
    );
    expect(await readJson(throttled)).toEqual({
      message: 'Too many requests, please wait before trying again.',
    });
    expect(tooLong.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
    expect(await readJson(tooLong)).toEqual({ message: 'Input is too long for requested model.' });
  });
});

describe('POST /model/{modelId}/invoke (embeddings)', () => {
  const invoke = (id: string, body: unknown) => postJson(converseUrl(id, 'invoke'), body, { headers: auth });

  it('embeds one inputText with Titan V2, with the token count in the body and a header', async () => {
    const response = await invoke('amazon.titan-embed-text-v2:0', {
      inputText: 'hello there world',
      dimensions: 256,
      normalize: true,
    });
    const body = await readJson<{
      embedding: number[];
      inputTextTokenCount: number;
      embeddingsByType: unknown;
    }>(response);

    expect(response.headers.get('x-amzn-bedrock-input-token-count')).toBe('3');
    expect(body.embedding).toHaveLength(256);
    expect(body.inputTextTokenCount).toBe(3);
    expect(body.embeddingsByType).toEqual({ float: body.embedding });
  });

  it('embeds Cohere texts, by type when embedding_types is set', async () => {
    const plain = await readJson<{ embeddings: number[][]; response_type: string }>(
      await invoke('cohere.embed-english-v3', { texts: ['a b', 'c'], input_type: 'search_document' }),
    );
    const byType = await readJson<{ embeddings: { float: number[][] }; response_type: string }>(
      await invoke('cohere.embed-english-v3', {
        texts: ['a b'],
        input_type: 'search_query',
        embedding_types: ['float'],
      }),
    );

    expect(plain.response_type).toBe('embeddings_floats');
    expect(plain.embeddings.map((vector) => vector.length)).toEqual([1024, 1024]);
    expect(byType.response_type).toBe('embeddings_by_type');
    expect(byType.embeddings.float[0]).toEqual(plain.embeddings[0]);
  });

  it('refuses a Titan body without inputText', async () => {
    const response = await invoke('amazon.titan-embed-text-v2:0', { texts: ['x'] });

    expect(response.status).toBe(400);
    expect((await readJson<{ message: string }>(response)).message).toContain('required key [inputText]');
  });
});
