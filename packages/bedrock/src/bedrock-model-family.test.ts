import { describe, expect, it } from 'vitest';
import { baseModelId, bedrockModelFamily } from './bedrock-model-family.js';

describe('baseModelId / bedrockModelFamily', () => {
  it.each([
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'anthropic'],
    [
      'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
      'anthropic',
    ],
    [
      'global.anthropic.claude-sonnet-4-20250514-v1:0',
      'anthropic.claude-sonnet-4-20250514-v1:0',
      'anthropic',
    ],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.amazon.nova-pro-v1:0',
      'amazon.nova-pro-v1:0',
      'amazon-nova',
    ],
    ['converse/openai.gpt-oss-120b-1:0', 'openai.gpt-oss-120b-1:0', 'openai'],
    ['meta.llama3-1-70b-instruct-v1:0', 'meta.llama3-1-70b-instruct-v1:0', 'other'],
  ])('%s', (model, base, family) => {
    expect(baseModelId(model)).toBe(base);
    expect(bedrockModelFamily(model)).toBe(family);
  });
});
