import { describe, expect, it } from 'vitest';
import { continuedFrom, conversationAsInput } from './continue-natively.js';
import type { ResponseObject } from './response-object.js';
import type { StoredResponse } from './response-store.js';

const stored: StoredResponse = {
  items: [
    { type: 'message', role: 'user', content: 'Weather in Paris?', id: 'msg_client', status: 'completed' },
    { type: 'reasoning', id: 'rs_client', summary: [], encrypted_content: 'gAAAA' },
  ],
  response: {
    id: 'resp_bridge',
    output: [
      {
        type: 'reasoning',
        id: 'rs_bridge',
        summary: [],
        content: [{ type: 'reasoning_text', text: 'Think' }],
        status: 'completed',
      },
      {
        type: 'message',
        id: 'msg_bridge',
        role: 'assistant',
        status: 'completed',
        content: [
          { type: 'output_text', text: 'Let me check. ', annotations: [] },
          { type: 'refusal', refusal: 'Not that.' },
        ],
      },
      {
        type: 'function_call',
        id: 'fc_bridge_0',
        call_id: 'call_1',
        name: 'weather',
        arguments: '{"city":"Paris"}',
        status: 'completed',
      },
    ],
  } as unknown as ResponseObject,
};

describe('conversationAsInput', () => {
  it('turns a bridged conversation into input an upstream accepts without having stored it', () => {
    expect(conversationAsInput(stored)).toEqual([
      { type: 'message', role: 'user', content: 'Weather in Paris?' },
      { type: 'reasoning', id: 'rs_client', summary: [], encrypted_content: 'gAAAA' },
      { role: 'assistant', content: 'Let me check. Not that.' },
      { type: 'function_call', call_id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
    ]);
  });
});

describe('continuedFrom', () => {
  it('replaces previous_response_id by the conversation, followed by this request’s input', () => {
    const body = {
      model: 'gpt-4o',
      previous_response_id: 'resp_bridge',
      instructions: 'Be brief.',
      input: [{ type: 'function_call_output', call_id: 'call_1', output: 'Sunny' }],
    };
    const continued = continuedFrom(body, stored);
    expect(continued).not.toHaveProperty('previous_response_id');
    expect(continued.instructions).toBe('Be brief.');
    expect((continued.input as unknown[]).at(-1)).toEqual(body.input[0]);
    expect(continuedFrom({ model: 'm', input: 'Thanks' }, stored).input).toHaveLength(5);
    expect((continuedFrom({ model: 'm', input: 'Thanks' }, stored).input as unknown[]).at(-1)).toEqual({
      role: 'user',
      content: 'Thanks',
    });
  });
});
