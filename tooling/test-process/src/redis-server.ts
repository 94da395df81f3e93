import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { type ChildWithOutput, waitForExit, waitForOutput } from './index.js';

/** A throwaway `redis-server` of the test's own, on a free port: stop it, start it again, kill it. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** The server's process id while it runs (for SIGSTOP / SIGCONT). */
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop`). */
  start(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server` without persistence on a free port of 127.0.0.1 and waits (bounded) until
 * it accepts connections. Never touches the shared Redis on 6379.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildWithOutput | undefined;
  const launch = async () => {
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    await waitForOutput(started, /Ready to accept connections/, 10_000);
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.exitCode === null ? child.pid : undefined;
    },
    async stop() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const running = child;
      running.kill('SIGCONT');
      running.kill('SIGTERM');
      await waitForExit(running, 10_000);
    },
    start: launch,
  };
}
