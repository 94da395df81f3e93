import { expect } from 'vitest';
import { masterKey } from './start-test-proxy.js';

/** A JSON answer of the management API. */
export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the proxy's management API with one key (the master key by default). */
export interface ManagementClient {
  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  get<T = Record<string, unknown>>(
    path: string,
    query?: Record<string, string | number>,
  ): Promise<ApiAnswer<T>>;
  /** A chat completion on the mock model `local`: the status a model route answers this key with. */
  chatStatus(model?: string): Promise<number>;
  /** The same client with another key. */
  as(key: string): ManagementClient;
}

export function managementClient(baseUrl: string, key: string = masterKey): ManagementClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text === '' ? {} : JSON.parse(text)) as T,
      headers: response.headers,
    };
  }
  return {
    post: (path, body = {}) => call('POST', path, body),
    get: (path, query = {}) => {
      const search = new URLSearchParams(
        Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
      );
      const suffix = search.size > 0 ? `?${search}` : '';
      return call('GET', `${path}${suffix}`);
    },
    async chatStatus(model = 'local') {
      const answer = await call('POST', '/v1/chat/completions', {
        model,
        messages: [{ role: 'user', content: 'hello' }],
      });
      return answer.status;
    },
    as: (other) => managementClient(baseUrl, other),
  };
}

/** The OpenAI-shaped error of an answer, asserting the status. */
export function expectError(answer: ApiAnswer, status: number, param?: string | null) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const error = (answer.body as { error?: { message: string; param: string | null; type: string } }).error;
  expect(error).toBeDefined();
  if (param !== undefined) expect(error?.param).toBe(param);
  return error as { message: string; param: string | null; type: string; code: string | null };
}

/** Asserts a 200 and returns the body. */
export function ok<T = Record<string, unknown>>(answer: ApiAnswer<T>): T {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}
