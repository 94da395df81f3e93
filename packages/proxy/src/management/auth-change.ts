import type { ProxyServices } from '../proxy-env.js';

/**
 * What changed in a way that affects authentication: some keys (by hash), or possibly any key
 * (a user's or a team's change reaches all their keys).
 */
export type AuthChange = { tokens: ReadonlyArray<string> } | { all: true };

/**
 * Called after every management change that affects authentication (key update, delete, block,
 * regeneration; user or team update, delete, block; membership changes), so the next request
 * with an affected key reads the store again, on this replica and (through `keyInvalidation`)
 * on every other.
 */
export function afterAuthChange(
  services: Pick<ProxyServices, 'keyResolver' | 'keyInvalidation'>,
  change: AuthChange,
): void {
  if (services.keyInvalidation) {
    // Forgets here at once and tells the other replicas (Redis pub/sub when configured).
    services.keyInvalidation.announce('all' in change ? 'all' : change.tokens);
    return;
  }
  const resolver = services.keyResolver;
  if (!resolver) return;
  if ('all' in change) {
    resolver.invalidateAll();
    return;
  }
  for (const token of change.tokens) resolver.invalidate(token);
}
