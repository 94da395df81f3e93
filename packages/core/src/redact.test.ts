import { describe, expect, it } from 'vitest';
import { maskSecret, redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('removes known secrets wherever they occur', () => {
    expect(redactSecrets('key=abc-secret-123 and again abc-secret-123', ['abc-secret-123'])).toBe(
      'key=[REDACTED] and again [REDACTED]',
    );
  });
  it('masks strings shaped like provider keys and bearer tokens', () => {
    const text =
      'Incorrect API key provided: sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX; header Bearer abcdefghijklmnop';
    const out = redactSecrets(text);
    expect(out).not.toContain('ABCDEFGHIJKLMNOPQRSTUVWX');
    expect(out).not.toContain('abcdefghijklmnop');
    expect(out).toContain('Bearer [REDACTED]');
    expect(redactSecrets('AIzaSyA1234567890abcdefghijklmnopq')).not.toContain('1234567890abcdefghij');
  });
  it('leaves ordinary text alone', () => {
    expect(redactSecrets('The model gpt-4o-mini is overloaded')).toBe('The model gpt-4o-mini is overloaded');
  });
  it('masks for display without revealing most of the secret', () => {
    expect(maskSecret('sk-1234567890abcdef')).toBe('sk-…ef');
    expect(maskSecret('short')).toBe('****');
  });
});
