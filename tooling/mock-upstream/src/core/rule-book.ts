import type { MockRule } from './mock-rule.js';

/** What a rule's `match` is compared against. */
export interface RuleTarget {
  model: string | undefined;
  /** Whether the request is for `path` (the provider decides how prefixes compare). */
  isForPath(path: string): boolean;
}

interface ScriptedRule {
  rule: MockRule;
  remaining: number | undefined;
}

/** Scripted rules, matched in insertion order; a rule with `times` is dropped once used up. */
export class RuleBook {
  private readonly rules: ScriptedRule[] = [];

  add(rule: MockRule): void {
    if (rule.times !== undefined && rule.times <= 0) {
      return;
    }
    this.rules.push({ rule: structuredClone(rule), remaining: rule.times });
  }

  clear(): void {
    this.rules.length = 0;
  }

  get size(): number {
    return this.rules.length;
  }

  /** The first rule matching `target`, counting one use of it. */
  take(target: RuleTarget): MockRule | undefined {
    const index = this.rules.findIndex(({ rule }) => matches(rule, target));
    const scripted = this.rules[index];
    if (scripted === undefined) {
      return undefined;
    }
    if (scripted.remaining !== undefined) {
      scripted.remaining -= 1;
      if (scripted.remaining <= 0) {
        this.rules.splice(index, 1);
      }
    }
    return scripted.rule;
  }
}

function matches(rule: MockRule, target: RuleTarget): boolean {
  const match = rule.match;
  if (match?.model !== undefined && match.model !== target.model) {
    return false;
  }
  return match?.path === undefined || target.isForPath(match.path);
}
