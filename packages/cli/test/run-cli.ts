import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const cliPath = fileURLToPath(new URL('../bin/switchyard.js', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Runs the real `switchyard` bin as a child process. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits (bounded) for the banner line and returns the URL the proxy listens on. */
export async function waitForListening(run: CliRun, timeoutMs = 15_000): Promise<string> {
  const pattern = /proxy listening on (http:\/\/\S+)/;
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(run.stdout());
      if (match?.[1]) return resolve(match[1]);
      if (run.child.exitCode !== null || Date.now() > deadline) {
        return reject(new Error(`proxy did not start:\n${run.stdout()}\n${run.stderr()}`));
      }
      setTimeout(check, 20);
    };
    check();
  });
}
