import {
  type ChatRequest,
  createHttpTransport,
  type HttpTransport,
  type Provider,
  type ProviderCallOptions,
  SwitchyardError,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';

type Env = Record<string, string | undefined>;

export interface ServiceHarnessOptions {
  /** The package's factory. */
  create(settings: { env: Env; transport: HttpTransport }): Provider;
  /** Environment the provider reads (keys, base URLs). */
  env: Env;
  /** Per-call options (model, params). */
  call: ProviderCallOptions;
  /** Keys the mock requires; none means it accepts calls without a key. */
  apiKeys?: string[];
  /**
   * The mock's paths for the service's own formats (`/voyage/v1/embeddings`, `/together/v1/rerank`);
   * by default embeddings go to OpenAI's route, rerank to `/v1/rerank`.
   */
  mockPaths?: { embeddings?: string; rerank?: string };
}

/** What a compatible-service test uses: the mock, the URLs asked for, and call helpers. */
export interface ServiceHarness {
  mock(): MockUpstream;
  /** Every URL the provider asked for (its real endpoint), cleared before each test. */
  readonly urls: string[];
  provider(extraEnv?: Env): Provider;
  /** The body the mock received for one chat call. */
  sent(request: ChatRequest, options?: Partial<ProviderCallOptions>): Promise<unknown>;
  /** The error a chat call fails with before anything reaches the network. */
  refusal(
    request: ChatRequest,
    options?: Partial<ProviderCallOptions>,
    extraEnv?: Env,
  ): Promise<SwitchyardError>;
}

/**
 * Test harness for an OpenAI-compatible service package: a recording transport keeps the URL the
 * provider asked for (the service's real endpoint) and delivers the request to the mock upstream's
 * OpenAI routes (or the service's own, `mockPaths`), so the default base URL is asserted while the
 * call still crosses real HTTP.
 * Registers its own vitest hooks; call it at the top of a test file.
 */
/** The mock's OpenAI routes a service URL is delivered to, by how its path ends (most specific first). */

export function useServiceHarness(options: ServiceHarnessOptions): ServiceHarness {
  let mock: MockUpstream | undefined;
  const urls: string[] = [];

  function toMock(): HttpTransport {
    const http = createHttpTransport();
    return {
      request: (request) => {
        urls.push(request.url);
        return http.request({ ...request, url: `${mock!.url}${mockPath(request.url)}` });
      },
      close: () => http.close(),
    };
  }

  function mockPath(url: string): string {
    const path = new URL(url).pathname;
    if (path.endsWith('/embeddings')) return options.mockPaths?.embeddings ?? '/v1/embeddings';
    if (path.endsWith('/rerank')) return options.mockPaths?.rerank ?? '/v1/rerank';
    if (path.endsWith('/chat/completions')) return '/v1/chat/completions';
    if (path.endsWith('/completions')) return '/v1/completions';
    return '/v1/chat/completions';
  }

  const provider = (extraEnv: Env = {}) =>
    options.create({ env: { ...options.env, ...extraEnv }, transport: toMock() });

  beforeAll(async () => {
    mock = await startMockUpstream(options.apiKeys ? { apiKeys: options.apiKeys } : {});
  });
  beforeEach(() => {
    mock?.reset();
    urls.length = 0;
  });
  afterAll(() => mock?.close());

  return {
    mock: () => mock!,
    urls,
    provider,
    async sent(request, callOptions = {}) {
      const target = provider();
      try {
        await target.chat(request, { ...options.call, ...callOptions });
      } finally {
        await target.close?.();
      }
      return mock!.requests.at(-1)?.body;
    },
    async refusal(request, callOptions = {}, extraEnv = {}) {
      const target = provider(extraEnv);
      try {
        await target.chat(request, { ...options.call, ...callOptions });
      } catch (error) {
        expect(SwitchyardError.isInstance(error)).toBe(true);
        expect(mock!.requestCount()).toBe(0);
        return error as SwitchyardError;
      } finally {
        await target.close?.();
      }
      throw new Error('expected the call to be refused');
    },
  };
}
