import type { ResolvedDeployment } from '@switchyard/core';

/**
 * Tag-based routing (litellm's `enable_tag_filtering`): a request with tags goes to the deployments
 * sharing at least one of them, else to those tagged `default`; a request without tags goes to the
 * `default`-tagged deployments when there are some, else to any. Returns an empty list when a
 * tagged request matches nothing.
 */
export function filterByTags(
  candidates: ReadonlyArray<ResolvedDeployment>,
  requestTags: ReadonlyArray<string> | undefined,
): ResolvedDeployment[] {
  const tagged = (resolved: ResolvedDeployment, tag: string) =>
    resolved.deployment.tags?.includes(tag) === true;
  const defaults = candidates.filter((resolved) => tagged(resolved, 'default'));
  if (!requestTags || requestTags.length === 0) return defaults.length > 0 ? defaults : [...candidates];
  const matching = candidates.filter((resolved) => requestTags.some((tag) => tagged(resolved, tag)));
  return matching.length > 0 ? matching : defaults;
}
