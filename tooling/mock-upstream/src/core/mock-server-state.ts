import type { MockProvider } from './provider.js';
import type { RequestRecorder } from './request-recorder.js';
import type { ResponseChannel } from './response-channel.js';
import type { RuleBook } from './rule-book.js';

/** What every request handler of one mock server shares. */
export interface MockServerState {
  readonly recorder: RequestRecorder;
  readonly rules: RuleBook;
  /** Providers whose routes are served, tried in order. */
  readonly providers: readonly MockProvider[];
  /** Speaks for requests no provider route matches (404s, faults on unknown paths). */
  readonly fallbackProvider: MockProvider;
  readonly apiKeys: readonly string[] | undefined;
  /** Responses still open, so closing the server is not mistaken for client aborts. */
  readonly openChannels: Set<ResponseChannel>;
  /** Objects a stateful API created (stored responses), by id; `reset()` clears them. */
  readonly objects: Map<string, unknown>;
}
