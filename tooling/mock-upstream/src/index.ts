import { fileURLToPath } from 'node:url';

export type { MockRule, MockRuleMatch, MockRuleResponse } from './core/mock-rule.js';
export type { MockUpstream, MockUpstreamOptions, WaitOptions } from './core/mock-upstream.js';
export type { RecordedRequest } from './core/recorded-request.js';
export { decodeFloat32Base64, encodeFloat32Base64 } from './providers/openai/encode-float32-base64.js';
export { startMockUpstream } from './start-mock-upstream.js';

/** Path of the built CLI (`node <path> --port 9999`), for tests that run the mock in another process. */
export const mockUpstreamCliPath: string = fileURLToPath(new URL('./cli.js', import.meta.url));
