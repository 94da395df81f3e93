import { type MockUpstream, type MockUpstreamOptions, startMockServer } from './core/mock-upstream.js';
import { builtInProviders, fallbackProvider } from './providers/index.js';

/** Starts a mock upstream speaking every built-in provider's wire format (today: OpenAI). */
export function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  return startMockServer({ providers: builtInProviders, fallbackProvider }, options);
}
