import type { ChatRequest, Usage } from '@switchyard/core';
import { expect, it } from 'vitest';
import { collect } from './collect.js';
import { type ConformanceContext, hello, pngDataUrl, weatherTool } from './conformance-context.js';

function expectUsageInvariants(usage: Usage): void {
  expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  expect(usage.prompt_tokens_details?.cached_tokens ?? 0).toBeLessThanOrEqual(usage.prompt_tokens);
  expect(usage.completion_tokens_details?.reasoning_tokens ?? 0).toBeLessThanOrEqual(usage.completion_tokens);
}

/** Plain, streamed, tools, images, structured output, stop, usage. */
export function chatScenarios(context: ConformanceContext): void {
  it('answers a plain chat in the canonical shape', async () => {
    const response = await context.provider().chat(hello, context.options());
    expect(response.object).toBe('chat.completion');
    expect(response.choices[0]?.message.role).toBe('assistant');
    expect(typeof response.choices[0]?.message.content).toBe('string');
    expect(response.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(response.choices[0]?.finish_reason).toBe('stop');
    expect(response.usage).toBeTruthy();
    expectUsageInvariants(response.usage!);
  });

  it('streams the same answer with one id, one finish reason and one usage chunk at the end', async () => {
    const plain = await context.provider().chat(hello, context.options());
    const request: ChatRequest = { ...hello, stream: true, stream_options: { include_usage: true } };
    const streamed = await collect(await context.provider().stream(request, context.options()));
    expect(streamed.chunks.length).toBeGreaterThan(1);
    expect(new Set(streamed.chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(streamed.chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(streamed.chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(streamed.text).toBe(plain.choices[0]?.message.content);
    expect(streamed.finishReasons).toEqual(['stop']);
    const withUsage = streamed.chunks.filter((chunk) => chunk.usage);
    expect(withUsage).toHaveLength(1);
    expect(streamed.chunks.at(-1)?.usage).toEqual(plain.usage);
    expect(streamed.chunks.at(-1)?.choices).toEqual([]);
  });

  it('reports no usage chunk in a stream that did not ask for it', async () => {
    const streamed = await collect(
      await context.provider().stream({ ...hello, stream: true }, context.options()),
    );
    expect(streamed.chunks.filter((chunk) => chunk.usage)).toHaveLength(0);
  });

  it('normalises usage: cached tokens inside prompt tokens, reasoning inside completion tokens', async () => {
    const usage = { prompt_tokens: 120, completion_tokens: 40, cached_tokens: 30, reasoning_tokens: 10 };
    context.mock().script({ respond: { usage }, times: 1 });
    const response = await context.provider().chat(hello, context.options());
    expect(response.usage).toMatchObject({ prompt_tokens: 120, completion_tokens: 40, total_tokens: 160 });
    const unsupported = context.target.unsupported ?? {};
    if (!unsupported.cachedTokens) expect(response.usage?.prompt_tokens_details?.cached_tokens).toBe(30);
    if (!unsupported.reasoningTokens) {
      expect(response.usage?.completion_tokens_details?.reasoning_tokens).toBe(10);
    }
  });

  it('returns tool calls with ids and JSON arguments, plain and streamed', async () => {
    const request: ChatRequest = { ...hello, tools: [weatherTool], tool_choice: 'required' };
    const toolCalls = [{ name: 'get_weather', arguments: '{"city":"Paris"}' }];
    context.mock().script({ respond: { toolCalls }, times: 2 });
    const response = await context.provider().chat(request, context.options());
    expect(response.choices[0]?.finish_reason).toBe('tool_calls');
    const call = response.choices[0]?.message.tool_calls?.[0];
    expect(call?.id).toBeTruthy();
    expect(call?.function.name).toBe('get_weather');
    expect(JSON.parse(call?.function.arguments ?? '')).toEqual({ city: 'Paris' });
    const streamed = await collect(
      await context.provider().stream({ ...request, stream: true }, context.options()),
    );
    expect(streamed.finishReasons).toEqual(['tool_calls']);
    const first = streamed.toolCalls.get(0);
    expect(first?.id).toBeTruthy();
    expect(first?.name).toBe('get_weather');
    expect(JSON.parse(first?.arguments ?? '')).toEqual({ city: 'Paris' });
  });

  it('sends a tool result back and gets an answer', async () => {
    const request: ChatRequest = {
      ...hello,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_abc123',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_abc123', content: '{"temperature":21}' },
      ],
    };
    const response = await context.provider().chat(request, context.options());
    expect(response.choices[0]?.finish_reason).toBe('stop');
    expect(context.mock().requests.at(-1)?.rawBody).toContain('21');
  });

  it('accepts an image given as a data URL', async () => {
    if (!context.provider().capabilities.vision) return;
    const request: ChatRequest = {
      model: 'conformance',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: pngDataUrl } },
          ],
        },
      ],
    };
    const response = await context.provider().chat(request, context.options());
    expect(response.choices[0]?.message.content).toBeTruthy();
    expect(context.mock().requests.at(-1)?.rawBody).toContain('iVBORw0KGgo');
  });

  it('asks for structured output with a JSON schema', async () => {
    if (!context.provider().capabilities.jsonSchema) return;
    context.mock().script({ respond: { content: '{"greeting":"hello"}' }, times: 1 });
    const request: ChatRequest = {
      ...hello,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'greeting',
          schema: { type: 'object', properties: { greeting: { type: 'string' } } },
        },
      },
    };
    const response = await context.provider().chat(request, context.options());
    expect(JSON.parse(response.choices[0]?.message.content ?? '')).toEqual({ greeting: 'hello' });
    expect(context.mock().requests.at(-1)?.rawBody).toContain('greeting');
  });

  it('passes stop sequences upstream', async () => {
    await context.provider().chat({ ...hello, stop: ['STOP-HERE'] }, context.options());
    expect(context.mock().requests.at(-1)?.rawBody).toContain('STOP-HERE');
  });

  it('embeds a batch when the provider has embeddings', async () => {
    const model = context.target.embeddingModel;
    if (!model || !context.provider().embed) return;
    const result = await context.provider().embed!(
      { model, input: ['one', 'two'] },
      context.options({ model }),
    );
    expect(result.data).toHaveLength(2);
    expect(result.data.map((item) => item.index)).toEqual([0, 1]);
    const vector = result.data[0]?.embedding;
    expect(Array.isArray(vector) && vector.length > 0 && typeof vector[0] === 'number').toBe(true);
  });
}
