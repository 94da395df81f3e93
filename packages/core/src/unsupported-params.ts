import { BadRequestError } from './errors/error-classes.js';

export interface UnsupportedParamsOptions {
  provider: string;
  model: string;
  /** Request fields this provider cannot take (canonical names, e.g. `seed`, `logit_bias`). */
  unsupported: ReadonlyArray<string>;
  /** litellm's drop_params: drop them silently instead of refusing the request. */
  dropParams: boolean;
}

/**
 * litellm's drop_params, in one place: a parameter a provider cannot take is removed when the
 * caller or config allows it, and is otherwise a 400 that names the parameter and the provider.
 * Returns the request itself when none of the fields is present (the common case), else a copy.
 */
export function handleUnsupportedParams<T extends object>(request: T, options: UnsupportedParamsOptions): T {
  const present = options.unsupported.filter((name) => {
    const value = (request as Record<string, unknown>)[name];
    return value !== undefined && value !== null;
  });
  if (present.length === 0) return request;
  if (!options.dropParams) {
    const list = present.map((name) => `"${name}"`).join(', ');
    throw new BadRequestError({
      message: `${options.provider} does not support the parameter${present.length > 1 ? 's' : ''} ${list} (model ${options.model}). Remove ${present.length > 1 ? 'them' : 'it'}, or set drop_params: true in the request (or litellm_settings.drop_params in the config) to drop unsupported parameters.`,
      param: present[0]!,
      code: 'unsupported_params',
      provider: options.provider,
      model: options.model,
    });
  }
  const copy = { ...request } as Record<string, unknown>;
  for (const name of present) delete copy[name];
  return copy as T;
}
