import type { ProviderCallOptions } from '@switchyard/core';

/** Microsoft Entra ID application credentials (a service principal with a client secret). */
export interface AzureClientSecret {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Token scope; default `https://cognitiveservices.azure.com/.default`. */
  scope: string;
  /** Entra ID authority host; default `https://login.microsoftonline.com`. */
  authorityHost: string;
}

/** How a call authenticates: a resource key (`api-key`) or an Entra ID token (`Authorization: Bearer`). */
export type AzureCredential =
  | { kind: 'api-key'; key: string }
  | { kind: 'token'; token: string }
  | { kind: 'token-provider'; provide: () => Promise<string> }
  | { kind: 'client-secret'; application: AzureClientSecret };

/** What the provider was created with (see `AzureSettings`). */
export interface AzureCredentialSettings {
  apiKey?: string;
  azureADToken?: string;
  azureADTokenProvider?: () => Promise<string>;
  authorityHost?: string;
}

export const defaultAzureScope = 'https://cognitiveservices.azure.com/.default';
export const defaultAuthorityHost = 'https://login.microsoftonline.com';

type Source = Readonly<Record<string, unknown>>;

const text = (source: Source | undefined, name: string): string | undefined => {
  const value = source?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

function clientSecretFrom(
  source: Source | undefined,
  names: readonly [string, string, string],
  defaults: { scope: string; authorityHost: string },
): AzureClientSecret | undefined {
  const [tenantId, clientId, clientSecret] = names.map((name) => text(source, name));
  if (!tenantId || !clientId || !clientSecret) return undefined;
  return { tenantId, clientId, clientSecret, ...defaults };
}

/**
 * Picks the call's credential, the deployment's own settings first, then the provider's, then the
 * environment: `api_key`; `azure_ad_token`; `tenant_id` + `client_id` + `client_secret`; the
 * provider's key, token or token provider; `AZURE_API_KEY` / `AZURE_OPENAI_API_KEY`;
 * `AZURE_AD_TOKEN`; `AZURE_TENANT_ID` + `AZURE_CLIENT_ID` + `AZURE_CLIENT_SECRET`.
 */
export function resolveAzureCredential(
  options: Pick<ProviderCallOptions, 'apiKey' | 'params'>,
  settings: AzureCredentialSettings,
  env: Source,
): AzureCredential | undefined {
  const params = options.params;
  const defaults = {
    scope: text(params, 'azure_scope') ?? defaultAzureScope,
    authorityHost:
      text(params, 'azure_authority_host') ??
      settings.authorityHost ??
      text(env, 'AZURE_AUTHORITY_HOST') ??
      defaultAuthorityHost,
  };
  if (options.apiKey) return { kind: 'api-key', key: options.apiKey };
  const paramToken = text(params, 'azure_ad_token');
  if (paramToken) return { kind: 'token', token: paramToken };
  const paramApp = clientSecretFrom(params, ['tenant_id', 'client_id', 'client_secret'], defaults);
  if (paramApp) return { kind: 'client-secret', application: paramApp };
  if (settings.apiKey) return { kind: 'api-key', key: settings.apiKey };
  if (settings.azureADToken) return { kind: 'token', token: settings.azureADToken };
  if (settings.azureADTokenProvider)
    return { kind: 'token-provider', provide: settings.azureADTokenProvider };
  const envKey = text(env, 'AZURE_API_KEY') ?? text(env, 'AZURE_OPENAI_API_KEY');
  if (envKey) return { kind: 'api-key', key: envKey };
  const envToken = text(env, 'AZURE_AD_TOKEN');
  if (envToken) return { kind: 'token', token: envToken };
  const envApp = clientSecretFrom(
    env,
    ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'],
    defaults,
  );
  return envApp ? { kind: 'client-secret', application: envApp } : undefined;
}
