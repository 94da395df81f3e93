import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ChildWithOutput, waitForOutput } from '@switchyard-tooling/test-process';

export const cliPath = fileURLToPath(new URL('../bin/switchyard.js', import.meta.url));

export interface CliRun {
  child: ChildWithOutput;
  /** Everything printed so far. */
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Runs the real `switchyard` bin as a child process, collecting what it prints. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: { PATH: process.env.PATH ?? '', SWITCHYARD_DATABASE_PATH: ':memory:', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    out += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    err += text;
  });
  // 'close' rather than 'exit': by then everything printed has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits (bounded) for the banner line and returns the URL the proxy listens on. */
export async function waitForListening(run: CliRun): Promise<string> {
  const pattern = /proxy listening on (http:\/\/\S+)/;
  // Already printed (waitForOutput only sees output from now on), else wait for it.
  const match = pattern.exec(run.stdout()) ?? (await waitForOutput(run.child, pattern));
  return match[1]!;
}
