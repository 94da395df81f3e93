import {
  ModelCatalog,
  type ModelDeployment,
  NotFoundError,
  type ResolvedDeployment,
  type RouterContext,
} from '@switchyard/core';
import { deploymentId } from './deployment-id.js';
import type { ModelGroupAlias } from './router-settings.js';

/** A model group as one call sees it. */
export interface GroupLookup {
  /** The group's name for fallbacks and policies (an alias resolved to its target). */
  group: string;
  candidates: ResolvedDeployment[];
}

/**
 * Model names to deployments: groups (`model_name`), `model_group_alias` names, wildcard names
 * (`anthropic/*`, `*`) and, when allowed, unlisted `provider/model`. Every deployment carries its
 * stable id (`model_info.id` or a hash), so traces and shared state name it the same way.
 */
export class ModelGroups {
  private readonly catalog: ModelCatalog;
  private readonly aliases = new Map<string, { target: string; hidden: boolean }>();
  private readonly unlistedIds = new Map<string, string>();

  constructor(context: RouterContext, aliases: Readonly<Record<string, ModelGroupAlias>> = {}) {
    const deployments = context.deployments.map((deployment) => ({
      ...deployment,
      id: deploymentId(deployment),
    }));
    this.catalog = new ModelCatalog({ ...context, deployments });
    for (const [name, alias] of Object.entries(aliases)) {
      const target = typeof alias === 'string' ? alias : alias.model;
      this.aliases.set(name, { target, hidden: typeof alias === 'string' ? false : alias.hidden === true });
    }
  }

  /** The group and deployments for a requested name; NotFoundError when nothing serves it. */
  lookup(requested: string): GroupLookup {
    const alias = this.catalog.deploymentsOf(requested).length > 0 ? undefined : this.aliases.get(requested);
    const group = alias?.target ?? requested;
    const candidates = this.catalog.candidates(group, false);
    for (const candidate of candidates) {
      if (candidate.deployment.id === undefined)
        candidate.deployment.id = this.unlistedId(candidate.deployment);
    }
    return { group, candidates };
  }

  /** Whether a name resolves to something (for checking fallback lists). */
  has(name: string): boolean {
    try {
      this.lookup(name);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  resolve(requested: string): ResolvedDeployment {
    return this.lookup(requested).candidates[0]!;
  }

  /** Groups, visible aliases and wildcards, in configuration order. */
  names(): string[] {
    const names = this.catalog.names();
    for (const [name, alias] of this.aliases) if (!alias.hidden && !names.includes(name)) names.push(name);
    return names;
  }

  deploymentsOf(name: string): ReadonlyArray<ModelDeployment> {
    const own = this.catalog.deploymentsOf(name);
    if (own.length > 0) return own;
    const alias = this.aliases.get(name);
    return alias ? this.catalog.deploymentsOf(alias.target) : [];
  }

  // An unlisted `provider/model` deployment is made anew for each call: its id is kept per name.
  private unlistedId(deployment: ModelDeployment): string {
    let id = this.unlistedIds.get(deployment.modelName);
    if (id === undefined) {
      id = deploymentId(deployment);
      if (this.unlistedIds.size >= 10_000) this.unlistedIds.clear();
      this.unlistedIds.set(deployment.modelName, id);
    }
    return id;
  }
}
