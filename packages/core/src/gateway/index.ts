export { attemptTimeoutsFor, createBasicRouter, type TimeoutDefaults } from './basic-router.js';
export type { CallInfo, CallOutcome } from './call-info.js';
export {
  type ChatStream,
  type CompletionOptions,
  createSwitchyard,
  type NonStreamingChatRequest,
  type StreamingChatRequest,
  type Switchyard,
  type SwitchyardOptions,
} from './create-switchyard.js';
export type { ModelDeployment, ResolvedDeployment } from './deployment.js';
export { createDeploymentKeys, sameUpstreamAccount } from './deployment-key.js';
export { ModelCatalog } from './model-catalog.js';
export {
  type PassthroughHost,
  type PassthroughTarget,
  takesNatively,
  upstreamBody,
} from './passthrough.js';
export type {
  Attempt,
  AttemptEnd,
  AttemptTimeouts,
  CallKind,
  CallTrace,
  RouteRequest,
  RouteResult,
  Router,
  RouterContext,
  RouterFactory,
} from './router.js';
export { type AttemptOutcome, isTimeoutError, type RunAttemptSpec, runAttempt } from './run-attempt.js';
