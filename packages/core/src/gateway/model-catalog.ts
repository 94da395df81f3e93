import { NotFoundError } from '../errors/error-classes.js';
import { parseModelString } from '../model-string.js';
import type { ModelDeployment, ResolvedDeployment } from './deployment.js';

export interface ModelCatalogOptions {
  deployments: ReadonlyArray<ModelDeployment>;
  providerIds: ReadonlySet<string>;
  /** Accept `provider/model` for models that are not listed. */
  allowUnlisted: boolean;
}

/**
 * Maps a requested model name to a deployment: exact `model_name` first, then wildcard names
 * (longest prefix wins), then — when allowed — `provider/model` of a registered provider. Several
 * deployments under one name take turns (`@switchyard/router` has real strategies).
 */
export class ModelCatalog {
  private readonly groups = new Map<string, ModelDeployment[]>();
  private readonly wildcards: Array<{ prefix: string; deployments: ModelDeployment[] }> = [];
  private readonly turn = new Map<string, number>();

  constructor(private readonly options: ModelCatalogOptions) {
    const wildcardGroups = new Map<string, ModelDeployment[]>();
    for (const deployment of options.deployments) {
      const target = deployment.modelName.endsWith('*') ? wildcardGroups : this.groups;
      const key = deployment.modelName.endsWith('*')
        ? deployment.modelName.slice(0, -1)
        : deployment.modelName;
      const list = target.get(key) ?? [];
      list.push(deployment);
      target.set(key, list);
    }
    for (const [prefix, deployments] of wildcardGroups) this.wildcards.push({ prefix, deployments });
    this.wildcards.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** Public model names, in configuration order. */
  names(): string[] {
    return [...this.groups.keys(), ...this.wildcards.map((entry) => `${entry.prefix}*`)];
  }

  deploymentsOf(name: string): ReadonlyArray<ModelDeployment> {
    return this.groups.get(name) ?? [];
  }

  /** The first deployment for `requested`, without taking a turn (NotFoundError when unknown). */
  resolve(requested: string): ResolvedDeployment {
    return this.candidates(requested, false)[0]!;
  }

  /**
   * Every deployment that can serve `requested`, starting with the one whose turn it is (round
   * robin) when `rotate`; NotFoundError when there is none.
   */
  candidates(requested: string, rotate = true): ResolvedDeployment[] {
    const group = this.groups.get(requested);
    if (group)
      return this.rotated(requested, group, rotate).map((deployment) => ({
        deployment,
        model: deployment.model,
      }));
    for (const wildcard of this.wildcards) {
      if (!requested.startsWith(wildcard.prefix)) continue;
      const suffix = requested.slice(wildcard.prefix.length);
      return this.rotated(wildcard.prefix, wildcard.deployments, rotate).map((deployment) => ({
        deployment,
        model: deployment.model.endsWith('*') ? deployment.model.slice(0, -1) + suffix : deployment.model,
      }));
    }
    const parsed = parseModelString(requested);
    if (this.options.allowUnlisted && parsed && this.options.providerIds.has(parsed.provider)) {
      return [
        {
          deployment: { modelName: requested, provider: parsed.provider, model: parsed.model },
          model: parsed.model,
        },
      ];
    }
    throw new NotFoundError({
      message: `The model \`${requested}\` does not exist or is not configured on this gateway.`,
      code: 'model_not_found',
      param: 'model',
      model: requested,
    });
  }

  private rotated(key: string, deployments: ModelDeployment[], rotate: boolean): ModelDeployment[] {
    if (deployments.length === 1 || !rotate) return deployments;
    const next = this.turn.get(key) ?? 0;
    this.turn.set(key, (next + 1) % deployments.length);
    const start = next % deployments.length;
    return [...deployments.slice(start), ...deployments.slice(0, start)];
  }
}
