import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { safeParseJson } from '../../core/safe-parse-json.js';

// Access tokens the mock's OAuth token endpoint issues: `ya29.mock.<payload>.<mac>`, the payload
// naming the service account and the expiry, the MAC keyed by a secret of this process. Vertex
// routes accept such a token when its account is one of the server's `apiKeys`, so a test proves
// the adapter really exchanged its service-account JWT (a made-up token is refused).
const secret = randomBytes(32);
const prefix = 'ya29.mock.';

export interface MockAccessToken {
  account: string;
  expiresAt: number;
}

function mac(payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function mintMockAccessToken(account: string, expiresAt: number): string {
  const payload = Buffer.from(JSON.stringify({ account, expiresAt })).toString('base64url');
  return `${prefix}${payload}.${mac(payload)}`;
}

/** The token's claims when it is one this process issued (expired or not), else undefined. */
export function readMockAccessToken(token: string): MockAccessToken | undefined {
  if (!token.startsWith(prefix)) {
    return undefined;
  }
  const [payload, signature] = token.slice(prefix.length).split('.');
  if (payload === undefined || signature === undefined) {
    return undefined;
  }
  const expected = Buffer.from(mac(payload));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return undefined;
  }
  const parsed = safeParseJson(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
    return undefined;
  }
  const { account, expiresAt } = parsed.value as Record<string, unknown>;
  return typeof account === 'string' && typeof expiresAt === 'number' ? { account, expiresAt } : undefined;
}
