import { createHash } from 'node:crypto';
import type { ModelDeployment } from '@switchyard/core';

/**
 * A deployment's stable id: its `model_info.id` when configured, else a hash of what makes it a
 * distinct deployment (group, provider, model, endpoint, credentials), so every replica with the
 * same config computes the same id and the key itself never appears.
 */
export function deploymentId(deployment: ModelDeployment): string {
  if (deployment.id !== undefined && deployment.id !== '') return deployment.id;
  const identity = JSON.stringify([
    deployment.modelName,
    deployment.provider,
    deployment.model,
    deployment.apiBase ?? null,
    deployment.apiVersion ?? null,
    deployment.apiKey ?? null,
  ]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 24);
}
