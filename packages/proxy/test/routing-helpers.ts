import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

/** A model_list entry on the mock upstream: group `group`, upstream model `model`, extra YAML lines. */
export function deployment(group: string, model: string, extra: Record<string, string> = {}): string {
  const params = Object.entries(extra).filter(([key]) => !key.startsWith('model_info.'));
  const info = Object.entries(extra).filter(([key]) => key.startsWith('model_info.'));
  return `  - model_name: ${group}
    litellm_params:
      model: openai/${model}
      api_base: MOCK/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
${params.map(([key, value]) => `      ${key}: ${value}\n`).join('')}    model_info:
      id: ${model}
${info.map(([key, value]) => `      ${key.slice('model_info.'.length)}: ${value}\n`).join('')}`;
}

/** A test proxy with these deployments and router_settings lines. */
export function startRoutingProxy(models: string[], routerSettings: string[]): Promise<TestProxy> {
  const router = `router_settings:\n${routerSettings.map((line) => `  ${line}\n`).join('')}`;
  return startTestProxy('', models.join(''), [], router);
}

export interface ChatResult {
  status: number;
  headers: Headers;
  body: string;
  ms: number;
}

/** POSTs a chat completion (extra body fields merged) and reads the whole answer. */
export async function chat(
  setup: TestProxy,
  model: string,
  extra: Record<string, unknown> = {},
  path = '/v1/chat/completions',
): Promise<ChatResult> {
  const started = performance.now();
  const response = await fetch(`${setup.proxy.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello' }], ...extra }),
  });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, ms: performance.now() - started };
}

/** The data frames of an SSE body, parsed (`[DONE]` kept as the string). */
export function sseFrames(body: string): unknown[] {
  return body
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => frame.slice(6))
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
}

/** The error code of an OpenAI-shaped error body. */
export function errorCode(body: string): string | null {
  return (JSON.parse(body) as { error: { code: string | null } }).error.code;
}

/** Sends `count` chat requests, `concurrency` at a time; every one must succeed. */
export async function chatMany(
  setup: TestProxy,
  model: string,
  count: number,
  concurrency = 10,
): Promise<void> {
  for (let sent = 0; sent < count; sent += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - sent) }, () => chat(setup, model));
    for (const result of await Promise.all(batch)) {
      if (result.status !== 200) throw new Error(`request failed with ${result.status}: ${result.body}`);
    }
  }
}
