import { describe, expect, it } from 'vitest';
import { escapeKeyPart, routerStateKeys } from './router-state-keys.js';

describe('escapeKeyPart', () => {
  it('keeps plain ids readable', () => {
    expect(escapeKeyPart('azure-gpt-4o_eastus.2/v1')).toBe('azure-gpt-4o_eastus.2/v1');
  });

  it('escapes separators, braces, spaces and non-ASCII characters', () => {
    expect(escapeKeyPart('a:b')).toBe('a%003ab');
    expect(escapeKeyPart('{tag} x')).toBe('%007btag%007d%0020x');
    expect(escapeKeyPart('é')).toBe('%00e9');
    expect(escapeKeyPart('')).toBe('');
  });

  it('never maps two ids to the same part', () => {
    const ids = [
      'a:b',
      'a%003ab',
      'a%b',
      'a%25b',
      '#x',
      '%0023x',
      'x'.repeat(200),
      `${'x'.repeat(200)}#`,
      '\ud800',
    ];
    const parts = ids.map(escapeKeyPart);
    expect(new Set(parts).size).toBe(ids.length);
    for (const part of parts) expect(part).not.toContain(':');
  });

  it('hashes ids that would make long keys', () => {
    const part = escapeKeyPart('x'.repeat(1000));
    expect(part).toMatch(/^#[0-9a-f]{64}$/);
    expect(escapeKeyPart('x'.repeat(1000))).toBe(part);
  });
});

describe('routerStateKeys', () => {
  it('puts every key under the prefix, windows last', () => {
    const keys = routerStateKeys('sy:router');
    expect(keys.cooldown('a:b')).toBe('sy:router:cooldown:a%003ab');
    expect(keys.failures('d', 29_000_000)).toBe('sy:router:failures:d:29000000');
    expect(keys.requests('d', 7)).toBe('sy:router:requests:d:7');
    expect(keys.tokens('d', 7)).toBe('sy:router:tokens:d:7');
    expect(keys.inFlight('d')).toBe('sy:router:inflight:d');
    expect(keys.latency('d')).toBe('sy:router:latency:d');
    expect(keys.ttft('d')).toBe('sy:router:ttft:d');
  });
});
