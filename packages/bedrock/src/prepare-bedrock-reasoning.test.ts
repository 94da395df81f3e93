import type { ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { prepareBedrockReasoning } from './prepare-bedrock-reasoning.js';

const claude = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const request = (extra: Partial<ChatRequest>): ChatRequest => ({
  model: claude,
  messages: [{ role: 'user', content: 'x' }],
  ...extra,
});

describe('prepareBedrockReasoning', () => {
  it('gives Anthropic models a thinking budget per effort, max tokens above it', () => {
    expect(
      prepareBedrockReasoning(request({ reasoning_effort: 'medium' }), 'anthropic', claude, 8000),
    ).toEqual({
      fields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
      thinking: true,
      maxTokens: 8000,
    });
    expect(
      prepareBedrockReasoning(request({ reasoning_effort: 'medium' }), 'anthropic', claude, 1000)?.maxTokens,
    ).toBe(3048);
  });

  it('passes an explicit Anthropic-style thinking object as given', () => {
    const thinking = { type: 'enabled', budget_tokens: 3000 };

    expect(prepareBedrockReasoning(request({ thinking }), 'anthropic', claude, undefined)).toEqual({
      fields: { thinking },
      thinking: true,
      maxTokens: 7096,
    });
  });

  it('keeps max tokens within what the model table says the model can write', () => {
    const haiku = 'anthropic.claude-3-5-haiku-20241022-v1:0';

    const reasoning = prepareBedrockReasoning(
      request({ reasoning_effort: 'max' }),
      'anthropic',
      haiku,
      undefined,
    );

    expect(reasoning?.maxTokens).toBeLessThanOrEqual(8192);
  });

  it('turns nothing on for no effort or none, in any family', () => {
    expect(prepareBedrockReasoning(request({}), 'anthropic', claude, undefined)).toEqual({
      fields: {},
      thinking: false,
    });
    expect(
      prepareBedrockReasoning(request({ reasoning_effort: 'none' }), 'other', 'meta.llama3', undefined),
    ).toEqual({
      fields: {},
      thinking: false,
    });
  });

  it('uses reasoning_effort for OpenAI’s open-weight models and knows no switch for others', () => {
    expect(
      prepareBedrockReasoning(
        request({ reasoning_effort: 'xhigh' }),
        'openai',
        'openai.gpt-oss-120b-1:0',
        undefined,
      ),
    ).toEqual({
      fields: { reasoning_effort: 'high' },
      thinking: true,
    });
    expect(
      prepareBedrockReasoning(request({ reasoning_effort: 'low' }), 'other', 'meta.llama3', undefined),
    ).toBeUndefined();
  });
});
