import { BadRequestError, type CompletionOptions } from '@switchyard/core';

// Fields with which litellm lets a client pick the upstream endpoint or key. Honouring them by
// default would let any key holder point the gateway at internal addresses (SSRF) or use keys
// the admin never approved, so they are refused unless general_settings.allow_client_side_credentials.
const credentialFields = [
  'api_key',
  'api_base',
  'base_url',
  'api_version',
  'organization',
  'extra_headers',
] as const;

/**
 * Removes client-side credential fields from the body. When allowed, api_key and api_base become
 * per-call overrides; otherwise their presence is a 400 naming the field.
 */
export function takeClientCredentials(
  body: Record<string, unknown>,
  allowed: boolean,
): Pick<CompletionOptions, 'apiKey' | 'apiBase'> {
  const overrides: Pick<CompletionOptions, 'apiKey' | 'apiBase'> = {};
  for (const field of credentialFields) {
    if (!(field in body)) continue;
    if (!allowed) {
      throw new BadRequestError({
        message: `"${field}" cannot be set by clients on this gateway; an admin can allow it with general_settings.allow_client_side_credentials.`,
        param: field,
        code: 'client_credentials_not_allowed',
      });
    }
    const value = body[field];
    if (field === 'api_key' && typeof value === 'string') overrides.apiKey = value;
    if ((field === 'api_base' || field === 'base_url') && typeof value === 'string')
      overrides.apiBase = value;
    delete body[field];
  }
  return overrides;
}
