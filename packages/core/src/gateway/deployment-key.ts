import { createHash } from 'node:crypto';
import type { ModelDeployment } from './deployment.js';

/**
 * A deployment's stable key: its `model_info.id` when set, else a digest of what makes it distinct
 * (name, provider, model, endpoint, version, key). The digest is of the key, never the key itself,
 * so the result can be stored and shared. Memoised per deployment object for the gateway's life.
 */
export function createDeploymentKeys(): (deployment: ModelDeployment) => string {
  const keys = new WeakMap<ModelDeployment, string>();
  return (deployment) => {
    if (deployment.id !== undefined) return deployment.id;
    let key = keys.get(deployment);
    if (key === undefined) {
      const identity = [
        deployment.modelName,
        deployment.provider,
        deployment.model,
        deployment.apiBase ?? null,
        deployment.apiVersion ?? null,
        deployment.apiKey ?? null,
      ];
      key = `dep_${createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 24)}`;
      keys.set(deployment, key);
    }
    return key;
  };
}

/** Whether two deployments reach the same upstream account (provider, endpoint and key), where stored objects are shared. */
export function sameUpstreamAccount(a: ModelDeployment, b: ModelDeployment): boolean {
  return a.provider === b.provider && a.apiBase === b.apiBase && a.apiKey === b.apiKey;
}
