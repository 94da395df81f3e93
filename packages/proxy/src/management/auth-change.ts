import type { ProxyServices } from '../proxy-env.js';

/**
 * What changed in a way that affects authentication: some keys (by hash), or possibly any key
 * (a user's or a team's change reaches all their keys).
 */
export type AuthChange = { tokens: ReadonlyArray<string> } | { all: true };

/**
 * Called after every management change that affects authentication (key update, delete, block,
 * regeneration; user or team update, delete, block; membership changes; budget resets), so the
 * next request with an affected key reads the store again. The one hook for cross-replica
 * announcements too.
 */
export function afterAuthChange(services: Pick<ProxyServices, 'keyResolver'>, change: AuthChange): void {
  const resolver = services.keyResolver;
  if (!resolver) return;
  if ('all' in change) {
    resolver.invalidateAll();
    return;
  }
  for (const token of change.tokens) resolver.invalidate(token);
}
