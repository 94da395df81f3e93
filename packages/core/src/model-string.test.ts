import { describe, expect, it } from 'vitest';
import { parseModelString } from './model-string.js';

describe('parseModelString', () => {
  it('splits at the first slash', () => {
    expect(parseModelString('openai/gpt-4o')).toEqual({ provider: 'openai', model: 'gpt-4o' });
    expect(parseModelString('together_ai/meta-llama/Llama-3-70b')).toEqual({
      provider: 'together_ai',
      model: 'meta-llama/Llama-3-70b',
    });
  });
  it('returns undefined without a provider or a model', () => {
    expect(parseModelString('gpt-4o')).toBeUndefined();
    expect(parseModelString('/gpt-4o')).toBeUndefined();
    expect(parseModelString('openai/')).toBeUndefined();
  });
});
