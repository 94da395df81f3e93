import { parseArgs } from 'node:util';

export interface CliArgs {
  config?: string;
  model?: string;
  port: number;
  host: string;
  /** Worker processes serving the port (node:cluster); 1 serves from this process. */
  workers: number;
  help: boolean;
  version: boolean;
}

export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

export const usage = `Usage: switchyard [options]

Start the Switchyard proxy: an OpenAI-compatible API over every configured provider.

Options:
  -c, --config FILE   litellm-style config.yaml (model_list, general_settings, ...)
  -m, --model MODEL   quick start with one model, e.g. openai/gpt-4o or mock/demo
  -p, --port PORT     port to listen on (default 4000)
      --host HOST     address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)
  -w, --workers N     worker processes sharing the port (default 1); N > 1 needs Redis
                      (router_settings.redis_url) and PostgreSQL (general_settings.database_url)
  -h, --help          show this help
  -v, --version       show the version

Environment:
  SWITCHYARD_MASTER_KEY / LITELLM_MASTER_KEY   master key when the config sets none
  OPENAI_API_KEY, ...                          provider keys used by models without api_key
`;

/** Parses argv; wrong usage is a CliUsageError with a message saying what was wrong. */
export function parseCliArgs(argv: ReadonlyArray<string>): CliArgs {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const port = values.port === undefined ? 4000 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliUsageError(`--port must be a whole number from 0 to 65535 (got "${values.port}")`);
  }
  const workers = values.workers === undefined ? 1 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 1024) {
    throw new CliUsageError(`--workers must be a whole number from 1 to 1024 (got "${values.workers}")`);
  }
  const args: CliArgs = {
    port,
    host: values.host ?? '127.0.0.1',
    workers,
    help: values.help ?? false,
    version: values.version ?? false,
  };
  if (values.config !== undefined) args.config = values.config;
  if (values.model !== undefined) args.model = values.model;
  if (!args.help && !args.version && args.config === undefined && args.model === undefined) {
    throw new CliUsageError('Pass --config FILE or --model provider/model');
  }
  if (args.config !== undefined && args.model !== undefined) {
    throw new CliUsageError('Pass either --config or --model, not both');
  }
  return args;
}

function parse(argv: ReadonlyArray<string>) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      config: { type: 'string', short: 'c' },
      model: { type: 'string', short: 'm' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      workers: { type: 'string', short: 'w' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
