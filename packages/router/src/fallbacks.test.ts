import {
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { fallbackGroups } from './fallbacks.js';
import type { RouterSettings } from './router-settings.js';

const server = new InternalServerError({ message: 'boom' });
const context = new ContextWindowExceededError({ message: 'long' });
const policy = new ContentPolicyViolationError({ message: 'no' });

describe('fallbackGroups', () => {
  const settings: RouterSettings = {
    fallbacks: [{ a: ['b', 'c'] }, { '*': ['any'] }],
    context_window_fallbacks: [{ a: ['a-large'] }],
    content_policy_fallbacks: [{ a: ['a-safe'] }],
    default_fallbacks: ['default'],
  };

  it('picks the list for the kind of error', () => {
    expect(fallbackGroups(settings, 'a', server)).toEqual(['b', 'c']);
    expect(fallbackGroups(settings, 'a', context)).toEqual(['a-large']);
    expect(fallbackGroups(settings, 'a', policy)).toEqual(['a-safe']);
  });

  it('uses the "*" entry, then default_fallbacks, for groups without their own entry', () => {
    expect(fallbackGroups(settings, 'z', server)).toEqual(['any']);
    expect(fallbackGroups({ default_fallbacks: ['default'] }, 'z', server)).toEqual(['default']);
    expect(fallbackGroups({ fallbacks: [{ a: ['b'] }] }, 'z', server)).toEqual([]);
  });

  it('uses the generic lists for a context or policy error when the group has no entry of that kind', () => {
    expect(fallbackGroups({ fallbacks: [{ x: ['y'] }] }, 'x', context)).toEqual(['y']);
  });

  it('appends the request fallbacks, without duplicates or the group itself', () => {
    expect(fallbackGroups(settings, 'a', server, ['c', 'a', 'd'])).toEqual(['b', 'c', 'd']);
  });
});
