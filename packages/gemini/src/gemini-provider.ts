import {
  AuthenticationError,
  defaultCapabilities,
  type HttpTransport,
  lazyTransport,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
} from '@switchyard/core';
import { createGoogleProvider, type GoogleAuth, type GoogleMethod } from './create-google-provider.js';

export interface GeminiSettings {
  /** Default: `GEMINI_API_KEY`, then `GOOGLE_API_KEY`, read at call time. */
  apiKey?: string;
  /** Default `https://generativelanguage.googleapis.com` (a deployment's api_base overrides it). */
  baseURL?: string;
  /** API version path segment; default `v1beta` (a deployment's api_version overrides it). */
  apiVersion?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Provider id (default `gemini`). */
  id?: string;
  capabilities?: Partial<ProviderCapabilities>;
  /** Injected HTTP transport; by default one keep-alive pool per origin, created on first use. */
  transport?: HttpTransport;
  /** Environment read for the key (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Clock in ms, for `created` (default `Date.now`). */
  now?: () => number;
}

export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com';
const trailingSlashes = /\/+$/;

/**
 * Google's Gemini API (Google AI Studio): Gemini models for chat and embeddings, Imagen models
 * (`models/{model}:predict`) for image generation. The key travels in the `x-goog-api-key` header,
 * never in the URL, where logs and proxies would keep it.
 */
export function createGemini(settings: GeminiSettings = {}): Provider {
  const id = settings.id ?? 'gemini';
  const transport = lazyTransport(settings.transport);
  const getTransport = transport.get;
  const baseOf = (options: ProviderCallOptions) =>
    (options.apiBase ?? settings.baseURL ?? GEMINI_BASE_URL).replace(trailingSlashes, '');

  function apiKeyFor(options: ProviderCallOptions): string | undefined {
    const env = settings.env ?? process.env;
    const key = options.apiKey ?? settings.apiKey ?? env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY;
    if (!key && baseOf(options) === GEMINI_BASE_URL) {
      throw new AuthenticationError({
        message: `No API key for ${id}: set api_key on the deployment or the GEMINI_API_KEY (or GOOGLE_API_KEY) environment variable`,
        provider: id,
        model: options.model,
      });
    }
    return key || undefined;
  }

  return createGoogleProvider({
    id,
    vertex: false,
    capabilities: {
      ...defaultCapabilities,
      embeddings: true,
      tools: true,
      vision: true,
      jsonSchema: true,
      streamUsage: true,
      ...settings.capabilities,
    },
    transport: getTransport,
    closeTransport: transport.close,
    async url(options: ProviderCallOptions, model: string, method: GoogleMethod) {
      const version = options.apiVersion ?? settings.apiVersion ?? 'v1beta';
      return `${baseOf(options)}/${version}/models/${encodeURIComponent(model)}:${method}`;
    },
    async auth(options: ProviderCallOptions): Promise<GoogleAuth> {
      const key = apiKeyFor(options);
      return key ? { headers: { 'x-goog-api-key': key }, secrets: [key] } : { headers: {}, secrets: [] };
    },
    ...(settings.headers ? { headers: settings.headers } : {}),
    now: settings.now ?? Date.now,
  });
}

/** The default instance: key from the environment at call time. */
export const gemini: Provider = createGemini();
