import cluster, { type Worker } from 'node:cluster';
import type { CliIo } from './main.js';

/** Sent by a worker once its proxy listens: the banner it would have printed. */
export interface WorkerListening {
  type: 'switchyard:listening';
  banner: string;
}

export interface RunWorkersOptions {
  workers: number;
  io: CliIo;
  /** Environment added to every worker's (e.g. the master key generated for this run). */
  workerEnv?: Record<string, string>;
  /** Restarts allowed within `restartWindowMs` before giving up (default 5 in 60 s). */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** How long stopping workers get before they are killed (default 10 s). */
  stopTimeoutMs?: number;
  now?: () => number;
}

/** Whether a message from a worker is its "listening" notice. */
export function isWorkerListening(message: unknown): message is WorkerListening {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'switchyard:listening' &&
    typeof (message as { banner?: unknown }).banner === 'string'
  );
}

/**
 * The cluster primary of `switchyard --workers N`: forks N workers (this same command) that share
 * one port, prints the banner once all listen, restarts a worker that dies (at most `maxRestarts`
 * within `restartWindowMs`, then stops everything), and stops all workers on SIGINT / SIGTERM.
 * Resolves with the exit code: 0 after a requested stop, 1 when a worker could not start or the
 * workers keep crashing.
 */
export function runWorkers(options: RunWorkersOptions): Promise<number> {
  const { io, workers } = options;
  const maxRestarts = options.maxRestarts ?? 5;
  const windowMs = options.restartWindowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const listening = new Set<Worker>();
  const restarts: number[] = [];
  let started = false;
  let stopping = false;

  return new Promise<number>((resolve) => {
    const fork = () => {
      const worker = cluster.fork(options.workerEnv ?? {});
      worker.on('message', (message: unknown) => {
        if (!isWorkerListening(message)) return;
        listening.add(worker);
        if (!started && listening.size === workers) {
          started = true;
          const pids = [...listening].map((each) => each.process.pid).join(', ');
          io.stdout(`${message.banner}\n  workers: ${workers} processes on one port (pids ${pids})\n`);
        }
      });
      return worker;
    };

    const stopAll = async (code: number) => {
      if (stopping) return;
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter(
        (worker): worker is Worker => worker !== undefined && !worker.isDead(),
      );
      await Promise.all(alive.map((worker) => stopWorker(worker, options.stopTimeoutMs ?? 10_000)));
      resolve(code);
    };

    cluster.on('exit', (worker, code, signal) => {
      const wasListening = listening.delete(worker);
      if (stopping) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!wasListening && !started) {
        io.stderr(`switchyard: a worker could not start (${how}); stopping\n`);
        void stopAll(1);
        return;
      }
      const at = now();
      while (restarts.length > 0 && at - restarts[0]! > windowMs) restarts.shift();
      if (restarts.length >= maxRestarts) {
        io.stderr(
          `switchyard: worker ${worker.process.pid} exited (${how}); ${restarts.length} restarts within ${Math.round(windowMs / 1000)} s already, stopping\n`,
        );
        void stopAll(1);
        return;
      }
      restarts.push(at);
      io.stderr(`switchyard: worker ${worker.process.pid} exited (${how}); starting another\n`);
      fork();
    });

    for (let index = 0; index < workers; index += 1) fork();
    void io.untilStopped().then(() => stopAll(0));
  });
}

/** SIGTERM, then SIGKILL when the worker has not exited within `timeoutMs`. */
function stopWorker(worker: Worker, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (worker.isDead()) return resolve();
    const timer = setTimeout(() => worker.process.kill('SIGKILL'), timeoutMs);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.process.kill('SIGTERM');
  });
}
