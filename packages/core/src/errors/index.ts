export * from './error-classes.js';
export { errorFromStatus, parseRetryAfter, type UpstreamErrorInfo } from './error-from-status.js';
export { SwitchyardError, type SwitchyardErrorOptions } from './switchyard-error.js';
