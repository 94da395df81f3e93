import { parseArgs } from 'node:util';
import type { MockUpstreamOptions } from './core/mock-upstream.js';

export const CLI_USAGE = `Usage: mock-upstream [--port <port>] [--host <host>] [--api-key <key>]...
Starts the mock upstream and prints its URL (OpenAI base URL: <url>/v1).
Control it over HTTP: POST /__mock/rules, POST /__mock/reset, GET /__mock/requests.`;

export type CliArguments = { help: true } | { help: false; options: MockUpstreamOptions };

/** Parses the CLI's arguments; throws a readable error on bad ones. */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    return { help: true };
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer between 0 and 65535, got ${values.port}`);
  }
  const options: MockUpstreamOptions = { port };
  if (values.host !== undefined) {
    options.host = values.host;
  }
  if (values['api-key'] !== undefined) {
    options.apiKeys = values['api-key'];
  }
  return { help: false, options };
}
