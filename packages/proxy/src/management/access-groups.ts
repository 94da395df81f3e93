/**
 * litellm's model access groups: a deployment's `model_info.access_groups` names the groups its
 * model belongs to, and a key, user or team listing a group name in `models` may call every model
 * of that group. Group name → public model names.
 */
export type AccessGroups = ReadonlyMap<string, ReadonlyArray<string>>;

/** What `accessGroupsFromDeployments` reads of a deployment. */
export interface AccessGroupSource {
  modelName: string;
  modelInfo?: Record<string, unknown>;
}

/**
 * Collects the access groups of a model list (each model name once per group, in config order).
 * Entries of `access_groups` that are not non-empty strings are skipped.
 */
export function accessGroupsFromDeployments(deployments: ReadonlyArray<AccessGroupSource>): AccessGroups {
  const groups = new Map<string, string[]>();
  for (const deployment of deployments) {
    const names = deployment.modelInfo?.access_groups;
    if (!Array.isArray(names)) continue;
    for (const name of names) {
      if (typeof name !== 'string' || name === '') continue;
      const models = groups.get(name) ?? [];
      if (!models.includes(deployment.modelName)) models.push(deployment.modelName);
      groups.set(name, models);
    }
  }
  return groups;
}
