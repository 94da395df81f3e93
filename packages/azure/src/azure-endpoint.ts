import { BadRequestError, type ProviderCallOptions } from '@switchyard/core';
import { type AzureApiSurface, defaultAzureApiVersion, parseAzureApiVersion } from './azure-api-version.js';

export interface AzureEndpoint {
  /** The resource endpoint, e.g. `https://my-resource.openai.azure.com`. */
  base: string;
  surface: AzureApiSurface;
}

export interface AzureEndpointSettings {
  baseURL?: string;
  resourceName?: string;
  apiVersion?: string;
}

/**
 * Where a call goes: the deployment's `api_base`, else the provider's `baseURL` (or
 * `resourceName`), else `AZURE_API_BASE` / `AZURE_OPENAI_ENDPOINT`; and which API version:
 * `api_version`, the provider's, `AZURE_API_VERSION` / `OPENAI_API_VERSION`, else the default GA.
 */
export function resolveAzureEndpoint(
  options: Pick<ProviderCallOptions, 'apiBase' | 'apiVersion' | 'model'>,
  settings: AzureEndpointSettings,
  env: Readonly<Record<string, string | undefined>>,
  provider: string,
): AzureEndpoint {
  const base =
    options.apiBase ||
    settings.baseURL ||
    (settings.resourceName ? `https://${settings.resourceName}.openai.azure.com` : undefined) ||
    env.AZURE_API_BASE ||
    env.AZURE_OPENAI_ENDPOINT;
  if (!base) {
    throw new BadRequestError({
      message: `No endpoint for ${provider}: set api_base on the deployment (your resource, e.g. https://my-resource.openai.azure.com) or the AZURE_API_BASE environment variable`,
      code: 'missing_api_base',
      provider,
      model: options.model,
    });
  }
  const version =
    options.apiVersion ||
    settings.apiVersion ||
    env.AZURE_API_VERSION ||
    env.OPENAI_API_VERSION ||
    defaultAzureApiVersion;
  return { base, surface: parseAzureApiVersion(version) };
}
