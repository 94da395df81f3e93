import { describe, expect, it } from 'vitest';
import { BadRequestError } from './errors/error-classes.js';
import { handleUnsupportedParams } from './unsupported-params.js';

const base = { provider: 'acme', model: 'm1', unsupported: ['seed', 'logit_bias'] };

describe('handleUnsupportedParams', () => {
  it('returns the same request when no unsupported field is set', () => {
    const request = { model: 'm1', seed: null, temperature: 1 };
    expect(handleUnsupportedParams(request, { ...base, dropParams: false })).toBe(request);
  });
  it('refuses an unsupported field with a 400 naming it and the provider', () => {
    let thrown: unknown;
    try {
      handleUnsupportedParams({ model: 'm1', seed: 7 }, { ...base, dropParams: false });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadRequestError);
    expect((thrown as BadRequestError).param).toBe('seed');
    expect((thrown as BadRequestError).message).toContain('acme');
    expect((thrown as BadRequestError).message).toContain('drop_params');
  });
  it('drops them when allowed, without touching the original', () => {
    const request = { model: 'm1', seed: 7, logit_bias: { 1: 2 }, temperature: 1 };
    expect(handleUnsupportedParams(request, { ...base, dropParams: true })).toEqual({
      model: 'm1',
      temperature: 1,
    });
    expect(request.seed).toBe(7);
  });
});
