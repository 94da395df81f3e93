import { BadRequestError, type ChatMessage, type SwitchyardError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

const pngData =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const pdfData = 'JVBERi0xLjQKJcfsj6IK';

function refusal(messages: ChatMessage[]): SwitchyardError {
  try {
    convertToAnthropicMessages(messages);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return error as SwitchyardError;
  }
  throw new Error('expected the conversion to fail');
}

describe('convertToAnthropicMessages', () => {
  it('keeps plain turns as strings and moves system and developer messages to system', () => {
    expect(
      convertToAnthropicMessages([
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Bonjour' },
        { role: 'user', content: 'Again' },
      ]),
    ).toEqual({
      system: 'Be brief.\n\nAnswer in French.',
      messages: [
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Bonjour' },
        { role: 'user', content: 'Again' },
      ],
      betas: [],
    });
  });

  it('sends system text blocks, cache_control kept, when any system message is cache-marked', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'system', content: 'Long instructions', cache_control: { type: 'ephemeral' } },
      {
        role: 'system',
        content: [
          { type: 'text', text: 'Part one' },
          { type: 'text', text: 'Part two', cache_control: { type: 'ephemeral', ttl: '1h' } },
        ],
      },
      { role: 'user', content: 'Hi' },
    ]);

    expect(prompt.system).toEqual([
      { type: 'text', text: 'Long instructions', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Part one' },
      { type: 'text', text: 'Part two', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });

  it('merges consecutive turns of one role, since Anthropic wants them alternating', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'First' },
      { role: 'user', content: [{ type: 'text', text: 'Second' }] },
      { role: 'assistant', content: 'One' },
      { role: 'assistant', content: 'Two' },
    ]);

    expect(prompt.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'First' },
          { type: 'text', text: 'Second' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'One' },
          { type: 'text', text: 'Two' },
        ],
      },
    ]);
  });

  it('turns tool calls into tool_use blocks and tool results into tool_result blocks of one user turn', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking both.',
        tool_calls: [
          {
            id: 'toolu_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'toolu_2', type: 'function', function: { name: 'get_time', arguments: '' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
      { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: '12:00' }] },
      { role: 'user', content: 'Thanks' },
    ]);

    expect(prompt.messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'get_time', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: '12:00' }] },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ]);
  });

  it('sends thinking blocks first in their assistant turn, signatures intact', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: null,
        reasoning_content: 'I should call the tool.',
        thinking_blocks: [
          { type: 'thinking', thinking: 'I should call the tool.', signature: 'EqQBCgIYAhIM' },
          { type: 'redacted_thinking', data: 'EmwKAhgBEgy3' },
          { type: 'thinking', thinking: 'unsigned, so unusable' },
        ],
        tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
    ]);

    expect(prompt.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'I should call the tool.', signature: 'EqQBCgIYAhIM' },
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
      ],
    });
  });

  it('converts images: data URLs inline as base64, http(s) URLs by reference, PDF data URLs as documents', () => {
    const prompt = convertToAnthropicMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${pngData}` } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
          { type: 'image_url', image_url: { url: `data:application/pdf;base64,${pdfData}` } },
        ],
      },
    ]);

    expect(prompt.messages[0]?.content).toEqual([
      { type: 'text', text: 'Compare these' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngData } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdfData } },
    ]);
  });

  it('converts file parts: PDF and text data as documents, file ids through the Files API beta', () => {
    const text = Buffer.from('Grüße aus Köln', 'utf8').toString('base64');
    const prompt = convertToAnthropicMessages([
      {
        role: 'user',
        content: [
          {
            type: 'file',
            file: { file_data: `data:application/pdf;base64,${pdfData}`, filename: 'report.pdf' },
          },
          { type: 'file', file: { file_data: `data:text/plain;base64,${text}` } },
          { type: 'file', file: { file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' } },
        ],
      },
    ]);

    expect(prompt.messages[0]?.content).toEqual([
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: pdfData },
        title: 'report.pdf',
      },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Grüße aus Köln' } },
      { type: 'document', source: { type: 'file', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' } },
    ]);
    expect(prompt.betas).toEqual(['files-api-2025-04-14']);
  });

  it('puts a message’s cache_control on its last block, and keeps a part’s on that part', () => {
    const prompt = convertToAnthropicMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Document', cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'Question' },
        ],
      },
      { role: 'assistant', content: 'Answer', cache_control: { type: 'ephemeral' } },
      { role: 'user', content: 'More', cache_control: { type: 'ephemeral' } },
    ]);

    expect(prompt.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Document', cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'Question' },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'text', text: 'Answer', cache_control: { type: 'ephemeral' } }],
      },
      { role: 'user', content: [{ type: 'text', text: 'More', cache_control: { type: 'ephemeral' } }] },
    ]);
  });

  it('leaves out empty text and empty assistant turns, which Anthropic refuses', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'One' },
      { role: 'assistant', content: '' },
      {
        role: 'user',
        content: [
          { type: 'text', text: '' },
          { type: 'text', text: 'Two' },
        ],
      },
    ]);

    expect(prompt.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'One' },
          { type: 'text', text: 'Two' },
        ],
      },
    ]);
  });

  const refusals: Array<{ name: string; messages: ChatMessage[]; param: string }> = [
    {
      name: 'audio',
      messages: [
        { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } }] },
      ],
      param: 'messages[0].content[0]',
    },
    {
      name: 'an image URL that is neither data: nor http(s)',
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'gs://bucket/cat.png' } }] },
      ],
      param: 'messages[0].content[0].image_url.url',
    },
    {
      name: 'file data that is not a data: URL',
      messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: 'JVBERi0x' } }] }],
      param: 'messages[0].content[0].file.file_data',
    },
    {
      name: 'tool arguments that are not a JSON object',
      messages: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '[1,2]' } }],
        },
      ],
      param: 'messages[0].tool_calls[0].function.arguments',
    },
    {
      name: 'a legacy function message',
      messages: [{ role: 'function', name: 'f', content: 'x' }],
      param: 'messages[0].role',
    },
  ];

  it.each(refusals)('refuses $name with a 400 naming $param', ({ messages, param }) => {
    const error = refusal(messages);

    expect(error.param).toBe(param);
    expect(error.message).toContain(param.split('.')[0]);
  });
});
