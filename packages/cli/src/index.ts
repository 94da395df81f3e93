export { type CliArgs, CliUsageError, parseCliArgs, usage } from './cli-args.js';
export { type CliIo, main } from './main.js';
