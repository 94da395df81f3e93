import { describe, expect, it } from 'vitest';
import { anthropicModelFeatures } from './anthropic-model-features.js';

describe('anthropicModelFeatures', () => {
  it.each([
    // model, adaptive thinking only, native structured output
    ['claude-3-5-sonnet-20241022', false, false],
    ['claude-3-7-sonnet-latest', false, false],
    ['claude-sonnet-4-20250514', false, false],
    ['claude-opus-4-1-20250805', false, false],
    ['claude-haiku-4-5', false, true],
    ['claude-sonnet-4-5-20250929', false, true],
    ['claude-opus-4-5', false, true],
    ['claude-sonnet-4-6', false, true],
    ['claude-opus-4-6', false, true],
    ['claude-opus-4-7', true, true],
    ['claude-opus-4-8-20260401', true, true],
    ['claude-opus-5', true, true],
    ['claude-sonnet-5', true, true],
    ['claude-mythos-preview', true, true],
    ['Claude-Sonnet-4-5', false, true],
    ['my-team-alias', false, false],
  ])(
    '%s: adaptive thinking only %s, structured outputs %s',
    (model, adaptiveThinkingOnly, structuredOutputs) => {
      expect(anthropicModelFeatures(model)).toEqual({ adaptiveThinkingOnly, structuredOutputs });
    },
  );
});
