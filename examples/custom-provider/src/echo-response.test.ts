import { describe, expect, it } from 'vitest';
import { toEchoResponse } from './echo-response.js';

describe('toEchoResponse', () => {
  it('builds an OpenAI chat.completion with one choice per n', () => {
    const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 };
    const response = toEchoResponse(
      { id: 'chatcmpl-echo-1', created: 1_700_000_000, model: 'reverse', content: 'olleh', choices: 2 },
      usage,
    );
    expect(response).toEqual({
      id: 'chatcmpl-echo-1',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'reverse',
      choices: [0, 1].map((index) => ({
        index,
        message: { role: 'assistant', content: 'olleh', refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      })),
      usage,
    });
    expect(response.choices[0]?.message).not.toBe(response.choices[1]?.message);
  });
});
