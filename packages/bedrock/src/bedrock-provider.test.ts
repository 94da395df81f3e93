import { BadRequestError, type ChatRequest, isProvider, type Provider } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  accessKeyId,
  apiKey,
  bedrockAt,
  call,
  failure,
  hello,
  mockApiKeys,
  model,
  weatherTool,
} from './__fixtures__/provider-harness.js';

let mock: MockUpstream;
let provider: Provider;
const png =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const encodedModel = 'anthropic.claude-3-5-sonnet-20240620-v1%3A0';
const signature = new RegExp(
  `^AWS4-HMAC-SHA256 Credential=${accessKeyId}/20250601/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=[0-9a-f]{64}$`,
);

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: mockApiKeys });
  provider = bedrockAt(mock.url);
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

const weatherParameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const lastBody = () => mock.requests.at(-1)?.body as Record<string, unknown>;

describe('bedrock over real HTTP', () => {
  it('is a provider with Bedrock’s capabilities', () => {
    expect(isProvider(provider)).toBe(true);
    expect(provider.id).toBe('bedrock');
    expect(provider.capabilities).toMatchObject({
      chat: true,
      stream: true,
      embeddings: true,
      tools: true,
      vision: true,
      jsonSchema: true,
    });
  });

  describe('chat', () => {
    it('posts the Converse body to /model/{encoded id}/converse, SigV4-signed (the mock verifies the signature)', async () => {
      const request: ChatRequest = {
        model,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello!' },
        ],
        max_tokens: 256,
        temperature: 0.2,
        top_p: 0.9,
        user: 'user-1234',
      };

      await provider.chat(request, call);

      const [recorded] = mock.requests;
      expect(mock.requests).toHaveLength(1);
      expect(recorded).toMatchObject({ method: 'POST', path: `/model/${encodedModel}/converse`, query: {} });
      expect(recorded?.headers).toMatchObject({
        authorization: expect.stringMatching(signature),
        'x-amz-date': '20250601T120000Z',
        'content-type': 'application/json',
        accept: 'application/json',
      });
      expect(recorded?.headers).not.toHaveProperty('x-amz-security-token');
      expect(recorded?.body).toEqual({
        system: [{ text: 'Be brief.' }],
        messages: [{ role: 'user', content: [{ text: 'Hello!' }] }],
        inferenceConfig: { maxTokens: 256, temperature: 0.2, topP: 0.9 },
      });
    });

    it('returns the answer as a chat completion, with normalised usage', async () => {
      const response = await provider.chat(hello, call);

      expect(response).toEqual({
        id: expect.stringMatching(/^chatcmpl-test\d+$/),
        object: 'chat.completion',
        created: 1748779200,
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'Mock reply to: Hello!' },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 4, total_tokens: 5 },
      });
    });

    it('calls an inference profile by its id, the mock seeing the decoded id', async () => {
      const profile = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0';
      mock.script({ match: { model: profile }, respond: { content: 'profile' } });

      const response = await provider.chat(hello, { model: profile });

      expect(response.choices[0]?.message.content).toBe('profile');
      expect(mock.requestCount(profile)).toBe(1);
      expect(mock.requests[0]?.path).toBe('/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse');
    });

    it('signs the session token of temporary credentials', async () => {
      const temporary = bedrockAt(mock.url, { sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' });

      await temporary.chat(hello, call);

      expect(mock.requests[0]?.headers).toMatchObject({
        'x-amz-security-token': 'FwoGZXIvYXdzEXAMPLETOKEN',
        authorization: expect.stringContaining('SignedHeaders=host;x-amz-date;x-amz-security-token,'),
      });
      await temporary.close?.();
    });

    it('authenticates with a Bedrock API key as a bearer token', async () => {
      await provider.chat(hello, { ...call, apiKey });

      expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    });

    it('returns parallel tool calls with their ids, and round-trips the results', async () => {
      const toolCalls = [
        { name: 'get_weather', arguments: '{"city":"Paris"}' },
        { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
      ];
      mock.script({ respond: { toolCalls }, times: 1 });

      const first = await provider.chat({ ...hello, tools: [weatherTool], tool_choice: 'auto' }, call);
      const calls = first.choices[0]?.message.tool_calls ?? [];
      await provider.chat(
        {
          ...hello,
          tools: [weatherTool],
          messages: [
            ...hello.messages,
            { role: 'assistant', content: null, tool_calls: calls },
            { role: 'tool', tool_call_id: calls[0]?.id ?? '', content: '21C' },
            { role: 'tool', tool_call_id: calls[1]?.id ?? '', content: '18C' },
          ],
        },
        call,
      );

      expect(first.choices[0]?.finish_reason).toBe('tool_calls');
      expect(
        calls.map((toolCall) => [toolCall.function.name, JSON.parse(toolCall.function.arguments)]),
      ).toEqual([
        ['get_weather', { city: 'Paris' }],
        ['get_weather', { city: 'Tokyo' }],
      ]);
      expect(mock.requests[0]?.body).toMatchObject({
        toolConfig: {
          tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: weatherParameters } } }],
          toolChoice: { auto: {} },
        },
      });
      expect(lastBody().messages).toEqual([
        { role: 'user', content: [{ text: 'Hello!' }] },
        {
          role: 'assistant',
          content: calls.map((toolCall) => ({
            toolUse: {
              toolUseId: toolCall.id,
              name: 'get_weather',
              input: JSON.parse(toolCall.function.arguments),
            },
          })),
        },
        {
          role: 'user',
          content: [
            { toolResult: { toolUseId: calls[0]?.id, content: [{ text: '21C' }] } },
            { toolResult: { toolUseId: calls[1]?.id, content: [{ text: '18C' }] } },
          ],
        },
      ]);
    });

    it('sends a data URL image as bytes, and refuses an http URL before any request', async () => {
      const image = (url: string): ChatRequest => ({
        model,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url } },
            ],
          },
        ],
      });

      await provider.chat(image(`data:image/png;base64,${png}`), call);
      const refused = await failure(provider.chat(image('http://169.254.169.254/latest/meta-data'), call));

      expect(mock.requests[0]?.body).toMatchObject({
        messages: [
          {
            role: 'user',
            content: [{ text: 'What is this?' }, { image: { format: 'png', source: { bytes: png } } }],
          },
        ],
      });
      expect(refused).toBeInstanceOf(BadRequestError);
      expect(refused.param).toBe('messages[0].content[1].image_url.url');
      expect(mock.requestCount()).toBe(1);
    });

    it('asks for native structured output with json_schema and returns the JSON', async () => {
      const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

      const response = await provider.chat(
        { ...hello, response_format: { type: 'json_schema', json_schema: { name: 'city', schema } } },
        call,
      );

      expect(lastBody().outputConfig).toEqual({
        textFormat: {
          type: 'json_schema',
          structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'city' } },
        },
      });
      expect(JSON.parse(response.choices[0]?.message.content ?? '')).toEqual({ city: 'mock' });
    });

    it('answers json_object through the forced JSON tool, as content', async () => {
      mock.script({ respond: { toolCalls: [{ name: 'json_tool_call', arguments: '{"ok":true}' }] } });

      const response = await provider.chat({ ...hello, response_format: { type: 'json_object' } }, call);

      expect(response.choices[0]?.message).toEqual({ role: 'assistant', content: '{"ok":true}' });
      expect(response.choices[0]?.finish_reason).toBe('stop');
    });

    it('passes stop sequences and returns reasoning with its signature for reasoning_effort', async () => {
      const response = await provider.chat({ ...hello, stop: ['###'], reasoning_effort: 'low' }, call);

      expect(lastBody()).toMatchObject({
        inferenceConfig: { stopSequences: ['###'], maxTokens: 1024 + 4096 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      });
      expect(response.choices[0]?.message).toMatchObject({
        reasoning_content: 'Thinking about: Hello!',
        thinking_blocks: [
          { type: 'thinking', thinking: 'Thinking about: Hello!', signature: expect.stringMatching(/^sig_/) },
        ],
      });
    });

    it('reports prompt tokens including cache reads and writes', async () => {
      mock.script({ respond: { usage: { prompt_tokens: 120, completion_tokens: 40, cached_tokens: 30 } } });

      const response = await provider.chat(hello, call);

      expect(response.usage).toEqual({
        prompt_tokens: 120,
        completion_tokens: 40,
        total_tokens: 160,
        prompt_tokens_details: { cached_tokens: 30 },
      });
    });
  });
});
