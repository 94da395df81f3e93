import { type ChatRequest, safeParseJson } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { mockReply, mockReplyContent } from './mock-reply.js';

const ask = (content: string): Pick<ChatRequest, 'messages'> => ({ messages: [{ role: 'user', content }] });

describe('mockReply', () => {
  it('quotes the last user message and names the model', () => {
    expect(mockReply(ask('Hello,\n  world'), 'demo')).toBe(
      'This is a mock response from demo to: "Hello, world"',
    );
  });

  it('is the same for the same request', () => {
    expect(mockReply(ask('same'), 'demo')).toBe(mockReply(ask('same'), 'demo'));
  });

  it('cuts long messages to 200 characters', () => {
    const reply = mockReply(ask('x'.repeat(500)), 'demo');
    const quote = reply.slice(reply.indexOf('"') + 1, -1);
    expect(quote).toHaveLength(200);
    expect(quote.endsWith('…')).toBe(true);
  });

  it('counts images as "[image]"', () => {
    const request: Pick<ChatRequest, 'messages'> = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
      ],
    };
    expect(mockReply(request, 'vision')).toBe('This is a mock response from vision to: "Describe [image]"');
  });
});

describe('mockReplyContent', () => {
  it('is the plain reply without a response format', () => {
    expect(mockReplyContent(ask('hi'), 'demo')).toBe(mockReply(ask('hi'), 'demo'));
  });

  it('wraps the reply in a JSON object for json_object', () => {
    const content = mockReplyContent({ ...ask('hi'), response_format: { type: 'json_object' } }, 'demo');
    expect(safeParseJson(content)).toEqual({ ok: true, value: { response: mockReply(ask('hi'), 'demo') } });
  });

  it('builds an object from the schema for json_schema', () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, age: { type: 'integer' }, nickname: { type: 'string' } },
      required: ['name', 'age'],
    };
    const format = { type: 'json_schema' as const, json_schema: { name: 'person', schema } };
    const content = mockReplyContent({ ...ask('hi'), response_format: format }, 'demo');
    expect(safeParseJson(content)).toEqual({ ok: true, value: { name: 'mock', age: 1 } });
  });
});
