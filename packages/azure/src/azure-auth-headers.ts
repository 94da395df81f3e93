import { AuthenticationError, type ProviderCallOptions, SwitchyardError } from '@switchyard/core';
import {
  type AzureCredential,
  type AzureCredentialSettings,
  resolveAzureCredential,
} from './azure-credentials.js';
import type { EntraTokenCache } from './entra-token-cache.js';

export interface AzureAuth {
  headers: Record<string, string>;
  /** Everything to scrub from errors: the key, the token, the client secret. */
  secrets: string[];
}

export interface AzureAuthContext {
  provider: string;
  settings: AzureCredentialSettings;
  env: Readonly<Record<string, string | undefined>>;
  tokens: EntraTokenCache;
}

/**
 * The authentication header for a call: `api-key: <key>` for a resource key, `Authorization:
 * Bearer <token>` for a Microsoft Entra ID token (given, provided, or obtained with client
 * credentials). A call without any credential fails here, before reaching the network.
 */
export async function azureAuthHeaders(
  options: ProviderCallOptions,
  context: AzureAuthContext,
): Promise<AzureAuth> {
  const credential = resolveAzureCredential(options, context.settings, context.env);
  if (!credential) {
    throw new AuthenticationError({
      message: `No credentials for ${context.provider}: set api_key (or azure_ad_token, or tenant_id, client_id and client_secret) on the deployment, or the AZURE_API_KEY environment variable`,
      provider: context.provider,
      model: options.model,
    });
  }
  if (credential.kind === 'api-key')
    return { headers: { 'api-key': credential.key }, secrets: [credential.key] };
  const token = await tokenFor(credential, options, context);
  const secrets =
    credential.kind === 'client-secret' ? [token, credential.application.clientSecret] : [token];
  return { headers: { authorization: `Bearer ${token}` }, secrets };
}

async function tokenFor(
  credential: Exclude<AzureCredential, { kind: 'api-key' }>,
  options: ProviderCallOptions,
  context: AzureAuthContext,
): Promise<string> {
  switch (credential.kind) {
    case 'token':
      return credential.token;
    case 'client-secret':
      return context.tokens.get(credential.application, options.signal);
    case 'token-provider':
      try {
        return await credential.provide();
      } catch (error) {
        if (SwitchyardError.isInstance(error)) throw error;
        throw new AuthenticationError({
          message: `The Entra ID token provider of ${context.provider} failed: ${error instanceof Error ? error.message : String(error)}`,
          provider: context.provider,
          model: options.model,
          cause: error,
        });
      }
  }
}
