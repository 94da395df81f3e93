import { describe, expect, it } from 'vitest';
import { RuleBook, type RuleTarget } from './rule-book.js';

const target = (model?: string, path = '/chat/completions'): RuleTarget => ({
  model,
  isForPath: (rulePath) => rulePath === path,
});

describe('RuleBook', () => {
  it('uses the first matching rule, in insertion order', () => {
    const rules = new RuleBook();
    rules.add({ match: { model: 'a' }, status: 400 });
    rules.add({ status: 500 });

    expect(rules.take(target('a'))?.status).toBe(400);
    expect(rules.take(target('b'))?.status).toBe(500);
  });

  it('drops a rule after `times` uses', () => {
    const rules = new RuleBook();
    rules.add({ status: 500, times: 2 });

    expect(
      [rules.take(target()), rules.take(target()), rules.take(target())].map((rule) => rule?.status),
    ).toEqual([500, 500, undefined]);
    expect(rules.size).toBe(0);
  });

  it('matches on path and needs a model to match a model rule', () => {
    const rules = new RuleBook();
    rules.add({ match: { path: '/embeddings' }, status: 400 });
    rules.add({ match: { model: 'm' }, status: 404 });

    expect(rules.take(target(undefined, '/chat/completions'))).toBeUndefined();
    expect(rules.take(target(undefined, '/embeddings'))?.status).toBe(400);
  });

  it('keeps its own copy of a rule', () => {
    const rules = new RuleBook();
    const rule = { status: 500 };
    rules.add(rule);
    rule.status = 200;

    expect(rules.take(target())?.status).toBe(500);
  });
});
