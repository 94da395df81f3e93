import {
  AuthenticationError,
  BadRequestError,
  defaultCapabilities,
  type HttpTransport,
  lazyTransport,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
} from '@switchyard/core';
import { createGoogleProvider, type GoogleMethod } from './create-google-provider.js';
import { createAccessTokenSource } from './google-access-token.js';
import { type GoogleCredentials, loadGoogleCredentials } from './google-credentials.js';

export interface VertexSettings {
  /** Default: the deployment's `vertex_project`, `VERTEXAI_PROJECT`, then the credentials' project. */
  project?: string;
  /** Default: the deployment's `vertex_location`, `VERTEXAI_LOCATION`, then `us-central1`. */
  location?: string;
  /**
   * A service account key (or authorized-user credentials): its JSON text, the parsed object, or the
   * path of the file. Default: the deployment's `vertex_credentials`, then
   * `GOOGLE_APPLICATION_CREDENTIALS`.
   */
  credentials?: string | Record<string, unknown>;
  /** Replaces `https://{location}-aiplatform.googleapis.com` (a deployment's api_base overrides it). */
  baseURL?: string;
  /** Default `v1`. */
  apiVersion?: string;
  headers?: Record<string, string>;
  /** Provider id (default `vertex_ai`). */
  id?: string;
  capabilities?: Partial<ProviderCapabilities>;
  transport?: HttpTransport;
  env?: Record<string, string | undefined>;
  /** Clock in ms, for token expiry and `created` (default `Date.now`). */
  now?: () => number;
}

const trailingSlashes = /\/+$/;
const locationPattern = /^[a-z0-9-]+$/;

const stringParam = (options: ProviderCallOptions, ...names: string[]): string | undefined => {
  for (const name of names) {
    const value = options.params?.[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
};

/**
 * Gemini models (chat) and Imagen models (image generation, `:predict`) on Google Cloud's Vertex AI. Calls carry an OAuth2 access token obtained from a
 * service account key (a signed JWT exchanged at the key's `token_uri`), cached until shortly before
 * it expires; concurrent calls share one refresh. A deployment's `api_key`, when set, is used as
 * the access token itself.
 */
export function createVertex(settings: VertexSettings = {}): Provider {
  const id = settings.id ?? 'vertex_ai';
  const env = () => settings.env ?? process.env;
  const now = settings.now ?? Date.now;
  const transport = lazyTransport(settings.transport);
  const getTransport = transport.get;
  const tokens = createAccessTokenSource({ provider: id, transport: getTransport, now });
  const credentialCache = new Map<string, Promise<GoogleCredentials>>();

  function credentialsFor(options: ProviderCallOptions): Promise<GoogleCredentials> {
    const source =
      options.params?.vertex_credentials ?? settings.credentials ?? env().GOOGLE_APPLICATION_CREDENTIALS;
    if (source === undefined || source === '') {
      throw new AuthenticationError({
        message: `No credentials for ${id}: set vertex_credentials on the deployment (a service account key's JSON or its path) or GOOGLE_APPLICATION_CREDENTIALS`,
        provider: id,
        model: options.model,
      });
    }
    const key = typeof source === 'string' ? source : JSON.stringify(source);
    let loading = credentialCache.get(key);
    if (loading === undefined) {
      loading = loadGoogleCredentials(source, { provider: id, model: options.model });
      credentialCache.set(key, loading);
      loading.catch(() => credentialCache.delete(key));
    }
    return loading;
  }

  async function projectFor(options: ProviderCallOptions): Promise<string> {
    const project =
      stringParam(options, 'vertex_project', 'vertex_ai_project') ??
      settings.project ??
      env().VERTEXAI_PROJECT;
    if (project) return project;
    const fromCredentials = options.apiKey ? undefined : (await credentialsFor(options)).projectId;
    if (fromCredentials) return fromCredentials;
    throw new BadRequestError({
      message: `No project for ${id}: set vertex_project on the deployment or VERTEXAI_PROJECT`,
      provider: id,
      model: options.model,
    });
  }

  function locationFor(options: ProviderCallOptions): string {
    const location =
      stringParam(options, 'vertex_location', 'vertex_ai_location') ??
      settings.location ??
      env().VERTEXAI_LOCATION ??
      'us-central1';
    // The location becomes part of the host name: only a region-shaped value is accepted.
    if (!locationPattern.test(location)) {
      throw new BadRequestError({
        message: `Invalid vertex_location for ${id}`,
        param: 'vertex_location',
        provider: id,
        model: options.model,
      });
    }
    return location;
  }

  return createGoogleProvider({
    id,
    vertex: true,
    capabilities: {
      ...defaultCapabilities,
      tools: true,
      vision: true,
      jsonSchema: true,
      streamUsage: true,
      ...settings.capabilities,
    },
    transport: getTransport,
    closeTransport: transport.close,
    async url(options: ProviderCallOptions, model: string, method: GoogleMethod) {
      const location = locationFor(options);
      const host =
        location === 'global'
          ? 'https://aiplatform.googleapis.com'
          : `https://${location}-aiplatform.googleapis.com`;
      const base = (options.apiBase ?? settings.baseURL ?? host).replace(trailingSlashes, '');
      const version = options.apiVersion ?? settings.apiVersion ?? 'v1';
      const project = encodeURIComponent(await projectFor(options));
      return `${base}/${version}/projects/${project}/locations/${location}/publishers/google/models/${encodeURIComponent(model)}:${method}`;
    },
    async auth(options: ProviderCallOptions) {
      const token =
        options.apiKey ??
        (await tokens.token(await credentialsFor(options), {
          model: options.model,
          ...(options.signal ? { signal: options.signal } : {}),
        }));
      return { headers: { authorization: `Bearer ${token}` }, secrets: [token] };
    },
    ...(settings.headers ? { headers: settings.headers } : {}),
    now,
  });
}

/** The default instance: project, location and credentials from each deployment or the environment. */
export const vertex: Provider = createVertex();
