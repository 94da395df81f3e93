import { AbortedError, TimeoutError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { guardCall } from './call-guard.js';

describe('guardCall', () => {
  it('passes while the signal is live and the deadline has not passed', () => {
    const check = guardCall(
      { signal: new AbortController().signal, timeoutMs: 1000 },
      'echo/reverse',
      () => 0,
    );
    expect(check).not.toThrow();
  });

  it('throws AbortedError once the caller aborts', () => {
    const controller = new AbortController();
    const check = guardCall({ signal: controller.signal }, 'echo/reverse', () => 0);
    controller.abort(new Error('client left'));
    expect(check).toThrow(AbortedError);
    expect(check).toThrow('Request to echo/reverse was aborted by the caller');
  });

  it('throws TimeoutError once the deadline has passed', () => {
    let clock = 1000;
    const check = guardCall({ timeoutMs: 50 }, 'echo/reverse', () => clock);
    clock = 1050;
    expect(check).not.toThrow();
    clock = 1051;
    expect(check).toThrow(TimeoutError);
  });

  it('has no deadline without a finite positive timeout', () => {
    let clock = 0;
    const checks = [undefined, 0, Number.POSITIVE_INFINITY].map((timeoutMs) =>
      guardCall(timeoutMs === undefined ? {} : { timeoutMs }, 'echo/reverse', () => clock),
    );
    clock = 10 ** 12;
    for (const check of checks) expect(check).not.toThrow();
  });
});
