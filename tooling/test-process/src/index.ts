import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

/** A child spawned with `stdio: ['ignore', 'pipe', 'pipe']`. */
export type ChildWithOutput = ChildProcessByStdio<null, Readable, Readable>;

export interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Resolves with the first match of `pattern` in the child's stdout; rejects, with everything the
 * child printed, when it exits first or prints no match within `timeoutMs`.
 */
export function waitForOutput(
  child: ChildWithOutput,
  pattern: RegExp,
  timeoutMs = 15_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const printed = () => `\nstdout:\n${stdout}\nstderr:\n${stderr}`;
    const onStdout = (data: string) => {
      stdout += data;
      const match = stdout.match(pattern);
      if (match) settle(() => resolve(match));
    };
    const onStderr = (data: string) => {
      stderr += data;
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(() => reject(new Error(`exited (${code ?? signal}) before printing ${pattern}${printed()}`)));
    const timer = setTimeout(
      () =>
        settle(() => reject(new Error(`printed nothing matching ${pattern} in ${timeoutMs} ms${printed()}`))),
      timeoutMs,
    );
    function settle(done: () => void): void {
      clearTimeout(timer);
      child.stdout.off('data', onStdout);
      child.stderr.off('data', onStderr);
      child.off('exit', onExit);
      done();
    }
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', onStdout);
    child.stderr.on('data', onStderr);
    child.once('exit', onExit);
  });
}

/** Resolves when the child has exited (at once if it already has); rejects after `timeoutMs`. */
export function waitForExit(child: ChildWithOutput, timeoutMs = 15_000): Promise<ExitResult> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

export { type RedisServer, startRedisServer } from './redis-server.js';
