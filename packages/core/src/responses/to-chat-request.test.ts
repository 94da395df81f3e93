import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors/error-classes.js';
import type { CreateResponseRequest } from './response-request.js';
import { toChatRequest } from './to-chat-request.js';

describe('toChatRequest', () => {
  it('turns instructions into a system message and a string input into a user message', () => {
    const chat = toChatRequest({
      model: 'gpt-5.4',
      input: 'Hello',
      instructions: 'You are a helpful assistant.',
      max_output_tokens: 50,
      temperature: 0.2,
      store: true,
      metadata: { a: 'b' },
      reasoning: { effort: 'low' },
    });
    expect(chat).toEqual({
      model: 'gpt-5.4',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Hello' },
      ],
      max_completion_tokens: 50,
      temperature: 0.2,
      reasoning_effort: 'low',
    });
  });

  it('maps the spec’s function tools and a named tool choice to chat’s shape', () => {
    const chat = toChatRequest({
      model: 'gpt-5.4',
      input: 'What is the weather like in Boston today?',
      tools: [
        {
          type: 'function',
          name: 'get_current_weather',
          description: 'Get the current weather in a given location',
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
          strict: true,
        },
      ],
      tool_choice: { type: 'function', name: 'get_current_weather' },
      parallel_tool_calls: false,
    });
    expect(chat.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_current_weather',
          description: 'Get the current weather in a given location',
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
          strict: true,
        },
      },
    ]);
    expect(chat.tool_choice).toEqual({ type: 'function', function: { name: 'get_current_weather' } });
    expect(chat.parallel_tool_calls).toBe(false);
  });

  it('groups function calls into one assistant message and outputs into tool messages', () => {
    const chat = toChatRequest({
      model: 'm',
      input: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', call_id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', call_id: 'call_2', name: 'weather', arguments: '{"city":"Rome"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'sunny' },
        { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: 'rain' }] },
      ],
    });
    expect(chat.messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      { role: 'tool', tool_call_id: 'call_2', content: 'rain' },
    ]);
  });

  it('converts input parts: text, image by URL and by file id, files', () => {
    const chat = toChatRequest({
      model: 'm',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'what is in this image?' },
            { type: 'input_image', image_url: 'https://example.com/a.jpg', detail: 'low' },
            { type: 'input_image', file_id: 'file-1' },
            { type: 'input_file', file_data: 'data:application/pdf;base64,AA==', filename: 'a.pdf' },
          ],
        },
      ],
    });
    expect(chat.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'what is in this image?' },
        { type: 'image_url', image_url: { url: 'https://example.com/a.jpg', detail: 'low' } },
        { type: 'file', file: { file_id: 'file-1' } },
        { type: 'file', file: { file_data: 'data:application/pdf;base64,AA==', filename: 'a.pdf' } },
      ],
    });
  });

  it('maps text.format to response_format', () => {
    const chat = toChatRequest({
      model: 'm',
      input: 'x',
      text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
    });
    expect(chat.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
    });
    expect(
      toChatRequest({ model: 'm', input: 'x', text: { format: { type: 'json_object' } } }).response_format,
    ).toEqual({
      type: 'json_object',
    });
  });

  it('puts the earlier conversation first, reasoning carried onto the assistant turn', () => {
    const chat = toChatRequest({ model: 'm', input: 'And then?', instructions: 'Be brief.' }, [
      { type: 'message', role: 'user', content: 'Tell me a story.' },
      {
        type: 'reasoning',
        id: 'rs_1',
        summary: [],
        content: [{ type: 'reasoning_text', text: 'A short one.' }],
        status: 'completed',
      },
      {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Once upon a time.', annotations: [] }],
      },
    ]);
    expect(chat.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Tell me a story.' },
      { role: 'assistant', content: 'Once upon a time.', reasoning_content: 'A short one.' },
      { role: 'user', content: 'And then?' },
    ]);
  });

  it('refuses hosted tools it cannot bridge, naming the tool', () => {
    const request: CreateResponseRequest = { model: 'm', input: 'x', tools: [{ type: 'web_search' }] };
    expect(() => toChatRequest(request)).toThrow(BadRequestError);
    expect(() => toChatRequest(request)).toThrow(/web_search/);
  });

  it('refuses an empty input', () => {
    expect(() => toChatRequest({ model: 'm', input: [], instructions: 'x' })).toThrow(/input is empty/);
  });
});
