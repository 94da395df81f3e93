import {
  BadRequestError,
  type ChatRequest,
  ContextWindowExceededError,
  type ResolvedDeployment,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { estimatePromptTokens } from './estimate-prompt-tokens.js';
import { applyPreCallChecks, deploymentLimits } from './pre-call-checks.js';
import { filterByTags } from './tag-filter.js';

const resolved = (id: string, modelInfo: Record<string, unknown>, tags?: string[]): ResolvedDeployment => ({
  deployment: { modelName: 'g', provider: 'openai', model: id, id, modelInfo, ...(tags ? { tags } : {}) },
  model: id,
});

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'g',
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('pre-call checks', () => {
  const small = resolved('small', { max_input_tokens: 100 });
  const large = resolved('large', { max_input_tokens: 10_000 });
  const limits = (entry: ResolvedDeployment) => deploymentLimits(entry.deployment, entry.model);

  it('estimates prompt tokens from text, tools and images', () => {
    expect(estimatePromptTokens(ask('x'.repeat(400)))).toBe(104);
    const image = ask('', {
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }],
    });
    expect(estimatePromptTokens(image)).toBe(765 + 4);
  });

  it('keeps the deployments whose context window fits the prompt', () => {
    expect(applyPreCallChecks('g', [small, large], ask('short'), limits)).toEqual([small, large]);
    expect(applyPreCallChecks('g', [small, large], ask('x'.repeat(2_000)), limits)).toEqual([large]);
    expect(() => applyPreCallChecks('g', [small], ask('x'.repeat(2_000)), limits)).toThrow(
      ContextWindowExceededError,
    );
  });

  it('skips deployments known to lack a capability the request uses, keeps unknown ones', () => {
    const noTools = resolved('no-tools', { supports_function_calling: false });
    const unknown = resolved('unknown', {});
    const request = ask('hi', {
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
    });
    expect(applyPreCallChecks('g', [noTools, unknown], request, limits)).toEqual([unknown]);
    expect(() => applyPreCallChecks('g', [noTools], request, limits)).toThrow(BadRequestError);
  });

  it('reads the context window from core model table when model_info has none', () => {
    expect(
      deploymentLimits({ modelName: 'g', provider: 'openai', model: 'gpt-4o' }, 'gpt-4o').maxInputTokens,
    ).toBe(128_000);
  });
});

describe('tag filtering', () => {
  const paid = resolved('paid', {}, ['paid', 'eu']);
  const free = resolved('free', {}, ['default']);
  const plain = resolved('plain', {});

  it('sends tagged requests to deployments sharing a tag, else to the default ones', () => {
    expect(filterByTags([paid, free, plain], ['eu'])).toEqual([paid]);
    expect(filterByTags([paid, free, plain], ['us'])).toEqual([free]);
    expect(filterByTags([paid, plain], ['us'])).toEqual([]);
  });

  it('sends untagged requests to the default deployments, or anywhere when none is', () => {
    expect(filterByTags([paid, free, plain], undefined)).toEqual([free]);
    expect(filterByTags([paid, plain], [])).toEqual([paid, plain]);
  });
});
