import { getModelInfo, type ModelDeployment, parseModelString } from '@switchyard/core';
import { deploymentId } from '@switchyard/router';
import { ConfigError, type ConfigIssue, type ModelListEntry, type SwitchyardConfig } from './config/index.js';

// litellm_params the gateway itself interprets; every other key is handed to the provider.
const interpreted = new Set([
  'model',
  'api_key',
  'api_base',
  'api_version',
  'timeout',
  'stream_timeout',
  'stream_idle_timeout',
  'max_retries',
  'rpm',
  'tpm',
  'weight',
  'tags',
  'headers',
  'extra_headers',
  'input_cost_per_token',
  'output_cost_per_token',
]);

/**
 * Turns `model_list` into typed deployments. A bare model (`gpt-4o`) goes to the first registered
 * provider whose price table lists it; one that cannot be placed, or names a provider that is not registered, is a config
 * error naming its path.
 */
export function deploymentsFromConfig(
  config: SwitchyardConfig,
  providerIds: ReadonlySet<string>,
  source: string,
): ModelDeployment[] {
  const issues: ConfigIssue[] = [];
  const deployments: ModelDeployment[] = [];
  config.model_list.forEach((entry, index) => {
    const path = `model_list[${index}].litellm_params.model`;
    const target = providerAndModel(entry.litellm_params.model, providerIds);
    if (!target) {
      issues.push({ path, message: 'Cannot tell the provider of this model; write it as "provider/model"' });
      return;
    }
    if (!providerIds.has(target.provider)) {
      issues.push({
        path,
        message: `Unknown provider "${target.provider}" (available: ${[...providerIds].sort().join(', ')}; custom providers go in litellm_settings.custom_provider_map)`,
      });
      return;
    }
    deployments.push(toDeployment(entry, target));
  });
  if (issues.length > 0) throw new ConfigError(source, issues);
  return deployments;
}

function providerAndModel(
  model: string,
  providerIds: ReadonlySet<string>,
): { provider: string; model: string } | undefined {
  const parsed = parseModelString(model);
  if (parsed) return parsed;
  for (const provider of providerIds) if (getModelInfo(model, provider)) return { provider, model };
  return undefined;
}

function toDeployment(entry: ModelListEntry, target: { provider: string; model: string }): ModelDeployment {
  const params = entry.litellm_params;
  const deployment: ModelDeployment = {
    modelName: entry.model_name,
    provider: target.provider,
    model: target.model,
  };
  if (params.api_key !== undefined) deployment.apiKey = params.api_key;
  if (params.api_base !== undefined) deployment.apiBase = params.api_base;
  if (params.api_version !== undefined) deployment.apiVersion = params.api_version;
  // litellm_settings.request_timeout is the router's default timeout, below a deployment's own.
  if (params.timeout !== undefined) deployment.timeoutMs = Math.round(params.timeout * 1000);
  if (params.stream_timeout !== undefined)
    deployment.streamTimeoutMs = Math.round(params.stream_timeout * 1000);
  if (params.stream_idle_timeout !== undefined) {
    deployment.streamIdleTimeoutMs = Math.round(params.stream_idle_timeout * 1000);
  }
  if (params.max_retries !== undefined) deployment.maxRetries = params.max_retries;
  if (params.rpm !== undefined) deployment.rpm = params.rpm;
  if (params.tpm !== undefined) deployment.tpm = params.tpm;
  if (params.weight !== undefined) deployment.weight = params.weight;
  if (params.tags !== undefined) deployment.tags = params.tags;
  if (params.headers || params.extra_headers)
    deployment.headers = { ...params.headers, ...params.extra_headers };
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (!interpreted.has(key)) rest[key] = value;
  if (Object.keys(rest).length > 0) deployment.params = rest;
  const modelInfo: Record<string, unknown> = { ...entry.model_info };
  if (params.input_cost_per_token !== undefined)
    modelInfo.input_cost_per_token ??= params.input_cost_per_token;
  if (params.output_cost_per_token !== undefined)
    modelInfo.output_cost_per_token ??= params.output_cost_per_token;
  if (Object.keys(modelInfo).length > 0) deployment.modelInfo = modelInfo;
  // litellm names every deployment: its model_info.id, else a hash of what makes it distinct.
  deployment.id = entry.model_info?.id !== undefined ? String(entry.model_info.id) : deploymentId(deployment);
  return deployment;
}
