/** The model makers whose request extras differ on Converse (thinking, reasoning, caching). */
export type BedrockModelFamily = 'anthropic' | 'amazon-nova' | 'openai' | 'other';

// Cross-region inference profile prefixes (`us.anthropic…`, `global.anthropic…`).
const regionPrefix = /^(?:us|eu|apac|ap|global|jp|au|ca|us-gov|mx|sa|me|af|il)\./;

/**
 * The base model id inside what a deployment names: a foundation model id, a cross-region
 * inference profile id, or an ARN (`…:inference-profile/us.anthropic…`); litellm's `converse/`
 * route prefix is dropped as well.
 */
export function baseModelId(model: string): string {
  let id = model.startsWith('converse/') ? model.slice('converse/'.length) : model;
  if (id.startsWith('arn:')) id = id.slice(id.lastIndexOf('/') + 1);
  return id.replace(regionPrefix, '');
}

export function bedrockModelFamily(model: string): BedrockModelFamily {
  const base = baseModelId(model);
  if (base.startsWith('anthropic.')) return 'anthropic';
  if (base.startsWith('amazon.nova')) return 'amazon-nova';
  if (base.startsWith('openai.')) return 'openai';
  return 'other';
}
