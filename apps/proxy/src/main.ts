// Entry point of the deployable proxy (`node dist/main.js`, the container's command).
import { runProxyApp } from './run-proxy-app.js';

const stopSignals = ['SIGTERM', 'SIGINT'] as const;

const untilStopped = new Promise<string>((resolve) => {
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal while closing stops at once.
    for (const name of stopSignals) {
      process.off(name, onSignal);
      process.once(name, () => process.exit(1));
    }
    resolve(signal);
  };
  for (const name of stopSignals) process.on(name, onSignal);
});

const code = await runProxyApp({
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  untilStopped,
});
exitAfterFlush(code);

/** Exits once what was written to stdout and stderr has been handed to the OS. */
function exitAfterFlush(exitCode: number): void {
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(exitCode);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
