import type { Usage } from '../schemas/usage.js';
import type { ModelDeployment } from './deployment.js';

export type CallOutcome = 'success' | 'error' | 'aborted';

/** What the gateway reports about each finished call (spend, metrics and logs build on it). */
export interface CallInfo {
  /** The model name the caller asked for. */
  requestedModel: string;
  deployment: ModelDeployment;
  provider: string;
  /** Upstream model id actually called. */
  model: string;
  stream: boolean;
  /** The wire API when the call passed through unchanged (`openai-responses`, `anthropic-messages` …). */
  api?: string;
  outcome: CallOutcome;
  usage?: Usage;
  /** USD; undefined when a price is unknown (see `costUnknownReason`). */
  cost?: number;
  costUnknownReason?: string;
  error?: unknown;
  /** Served from the response cache: no upstream call was made (`cost` is 0). */
  cacheHit?: boolean;
  startedAt: number;
  durationMs: number;
}
