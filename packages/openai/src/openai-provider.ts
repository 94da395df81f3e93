import type { HttpTransport, Provider, ProviderCapabilities } from '@switchyard/core';
import { createOpenAICompatible } from './openai-compatible-provider.js';

export interface OpenAISettings {
  /** Default `OPENAI_API_KEY` from the environment. */
  apiKey?: string;
  /** Default `OPENAI_BASE_URL` from the environment, else `https://api.openai.com/v1`. */
  baseURL?: string;
  /** Sent as `OpenAI-Organization`. */
  organization?: string;
  /** Sent as `OpenAI-Project`. */
  project?: string;
  headers?: Record<string, string>;
  /** Provider id (default `openai`); set it to register a second OpenAI account. */
  id?: string;
  capabilities?: Partial<ProviderCapabilities>;
  transport?: HttpTransport;
  env?: Record<string, string | undefined>;
}

const officialBaseURL = 'https://api.openai.com/v1';

/** OpenAI's API, or any endpoint speaking it when `baseURL` (or a deployment's api_base) is set. */
export function createOpenAI(settings: OpenAISettings = {}): Provider {
  const env = settings.env ?? process.env;
  const baseURL = settings.baseURL ?? env.OPENAI_BASE_URL ?? officialBaseURL;
  const headers: Record<string, string> = { ...settings.headers };
  if (settings.organization) headers['openai-organization'] = settings.organization;
  if (settings.project) headers['openai-project'] = settings.project;
  return createOpenAICompatible({
    id: settings.id ?? 'openai',
    baseURL,
    apiKeyEnvVar: 'OPENAI_API_KEY',
    requiresApiKey: (base) => base === officialBaseURL,
    headers,
    env,
    ...(settings.apiKey !== undefined ? { apiKey: settings.apiKey } : {}),
    ...(settings.capabilities ? { capabilities: settings.capabilities } : {}),
    ...(settings.transport ? { transport: settings.transport } : {}),
  });
}

/** The default instance: key and base URL from the environment. */
export const openai: Provider = createOpenAI();
