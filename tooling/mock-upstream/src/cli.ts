#!/usr/bin/env node
import { CLI_USAGE, parseCliArguments } from './parse-cli-arguments.js';
import { startMockUpstream } from './start-mock-upstream.js';

async function main(): Promise<void> {
  const parsed = parseCliArguments(process.argv.slice(2));
  if (parsed.help) {
    process.stdout.write(`${CLI_USAGE}\n`);
    return;
  }
  const upstream = await startMockUpstream(parsed.options);
  process.stdout.write(`${upstream.url}\n`);
  const stop = (): void => {
    void upstream.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `mock-upstream: ${error instanceof Error ? error.message : String(error)}\n${CLI_USAGE}\n`,
  );
  process.exit(1);
});
