import {
  getModelInfo,
  type HttpTransport,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
} from '@switchyard/core';
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

/**
 * OpenAI's default for its pass-through APIs: the Responses API for every model (a deployment on an
 * endpoint without it lists its `model_info.supported_endpoints`), legacy completions for the
 * models that serve them (`gpt-3.5-turbo-instruct`, `davinci-002` …: mode `completion` in the
 * model table); chat models keep the chat bridge, as OpenAI refuses them on `/completions`.
 */
export function openAISupportsPassthrough(api: string, options: ProviderCallOptions): boolean {
  if (api === 'openai-responses') return true;
  return api === 'openai-completions' && servesLegacyCompletions(options.model);
}

/** OpenAI's current completion-only base models, which the model table does not list. */
const completionBaseModels = new Set(['babbage-002', 'davinci-002']);

/** Whether an OpenAI model (a fine-tune `ft:<base>:…` by its base) answers on `/completions`. */
export function servesLegacyCompletions(model: string): boolean {
  const base = model.startsWith('ft:') ? (model.split(':')[1] ?? '') : model;
  return completionBaseModels.has(base) || getModelInfo(base, 'openai')?.mode === 'completion';
}

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
    passthroughApis: ['openai-responses', 'openai-completions'],
    supportsPassthrough: openAISupportsPassthrough,
    ...(settings.apiKey !== undefined ? { apiKey: settings.apiKey } : {}),
    ...(settings.capabilities ? { capabilities: settings.capabilities } : {}),
    ...(settings.transport ? { transport: settings.transport } : {}),
  });
}

/** The default instance: key and base URL from the environment. */
export const openai: Provider = createOpenAI();
