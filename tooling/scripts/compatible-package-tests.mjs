// The test (and conformance fixture) `generate-compatible-packages.mjs` writes for each compatible
// service: the exact request against the mock upstream's OpenAI routes, through the shared
// `useServiceHarness` (a recording transport keeps the URL the provider asked for, the service's
// real endpoint, and delivers the request to the mock over real HTTP).
import { chatlessTests, embeddingCaseTest, rerankTest } from './compatible-package-embed-rerank-tests.mjs';
import { kebab, literal } from './compatible-package-templates.mjs';

/** A value each refusable parameter is tried with. */
const sampleValues = {
  tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
  tool_choice: 'auto',
  parallel_tool_calls: false,
  response_format: { type: 'json_object' },
  n: 2,
  stop: ['END'],
  seed: 42,
  user: 'user-1234',
  frequency_penalty: 0.5,
  presence_penalty: 0.5,
  logit_bias: { 50256: -100 },
  logprobs: true,
  top_logprobs: 2,
  service_tier: 'auto',
  store: true,
};

/** `{ ...hello, <fields> }` as source text. */
function withHello(fields = {}) {
  const inner = literal(fields).slice(1, -1).trim();
  return inner ? `{ ...hello, ${inner} }` : 'hello';
}

function trimmed(base) {
  return base.replace(/\/+$/, '');
}

function withBasePath(base, basePath) {
  const value = trimmed(base);
  return basePath && !value.endsWith(basePath) ? `${value}${basePath}` : value;
}

function header(entry) {
  const { name, service } = entry;
  const keyVar = service.apiKeyEnvVars?.[0];
  const keyed = service.requiresApiKey;
  const envEntries = literal(entry.test.env ?? {})
    .slice(1, -1)
    .trim();
  const env = [envEntries, keyed ? `${keyVar}: apiKey` : ''].filter(Boolean).join(', ');
  const params = entry.test.params ? `, params: ${literal(entry.test.params)}` : '';
  const mockPaths = entry.test.mockPaths ? `, mockPaths: ${literal(entry.test.mockPaths)}` : '';
  const chat = entry.service.capabilities.chat !== false;
  return `import { AuthenticationError, BadRequestError, ${chat ? 'type ChatChunk, ' : ''}type ChatRequest, type ProviderCallOptions } from '@switchyard/core';
import { useServiceHarness } from '@switchyard-tooling/provider-conformance';
import { describe, expect, it } from 'vitest';
import { create${name} } from './${kebab(entry.id)}-provider.js';

const apiKey = '${kebab(entry.id)}-test-key-0123456789';
const env: Record<string, string | undefined> = { ${env} };
const model = ${literal(entry.test.model)};
const call: ProviderCallOptions = { model${params} };
const hello: ChatRequest = { model, messages: [{ role: 'user', content: 'Hello!' }] };

const harness = useServiceHarness({ create: create${name}, env, call${keyed ? ', apiKeys: [apiKey]' : ''}${mockPaths} });
const { ${chat ? 'urls, provider, sent, refusal' : 'urls, provider, refusal'} } = harness;
`;
}

function defaultCallTest(entry, url) {
  const { service, test } = entry;
  const auth = service.requiresApiKey
    ? `expect(request?.headers.authorization).toBe(\`Bearer \${apiKey}\`);`
    : 'expect(request?.headers.authorization).toBeUndefined();';
  const headers = Object.entries(test.headers ?? {})
    .map(([name, value]) => `expect(request?.headers[${literal(name)}]).toBe(${literal(value)});`)
    .join('\n    ');
  return `
  it('posts to ${url}/chat/completions with ${service.requiresApiKey ? 'its key' : 'no key'} and the upstream model id', async () => {
    const target = provider();
    const response = await target.chat(hello, call);
    await target.close?.();
    expect(urls).toEqual([${literal(`${url}/chat/completions`)}]);
    const request = harness.mock().requests[0];
    ${auth}
    ${headers}
    expect(request?.body).toEqual({ model: ${literal(test.upstreamModel ?? test.model)}, messages: hello.messages });
    expect(response.choices[0]?.message.content).toContain('Hello!');
  });

  it('declares its capabilities', () => {
    const target = create${entry.name}({ env });
    expect(target.id).toBe(${literal(entry.id)});
    expect(target.capabilities).toMatchObject(${literal(service.capabilities)});
    expect(typeof target.embed).toBe(${literal(service.capabilities.embeddings ? 'function' : 'undefined')});
  });
`;
}

function endpointTest(entry) {
  const { service } = entry;
  const deployment = withBasePath('https://deployment.example/v1', service.basePath);
  const envVar = service.apiBaseEnvVars?.[0];
  if (!envVar) {
    return `
  it('prefers a deployment api_base', async () => {
    await sent(hello, { apiBase: 'https://deployment.example/v1' });
    expect(urls).toEqual([${literal(`${deployment}/chat/completions`)}]);
  });
`;
  }
  const envBase = service.basePath ? 'https://base.example' : 'https://base.example/v1';
  return `
  it('reads the endpoint from ${envVar} and prefers a deployment api_base', async () => {
    const target = provider({ ${envVar}: ${literal(envBase)} });
    await target.chat(hello, call);
    await target.chat(hello, { ...call, apiBase: 'https://deployment.example/v1' });
    await target.close?.();
    expect(urls).toEqual([${literal(`${withBasePath(envBase, service.basePath)}/chat/completions`)}, ${literal(`${deployment}/chat/completions`)}]);
  });
`;
}

function keyTests(entry) {
  const vars = entry.service.apiKeyEnvVars ?? [];
  if (!entry.service.requiresApiKey) {
    return `
  it('sends ${vars[0]} as a bearer key when it is set', async () => {
    const target = provider({ ${vars[0]}: apiKey });
    await target.chat(hello, call);
    await target.close?.();
    expect(harness.mock().requests[0]?.headers.authorization).toBe(\`Bearer \${apiKey}\`);
  });
`;
  }
  const cleared = vars.map((name) => `${name}: undefined`).join(', ');
  let text = `
  it('refuses to call without a key, naming ${vars.join(' / ')}', async () => {
    const error = await refusal(hello, {}, { ${cleared} });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain(${literal(vars.join(' / '))});
  });
`;
  if (vars.length > 1) {
    text += `
  it('also reads the key from ${vars.at(-1)}', async () => {
    const target = provider({ ${vars[0]}: undefined, ${vars.at(-1)}: apiKey });
    await target.chat(hello, call);
    await target.close?.();
    expect(harness.mock().requests[0]?.headers.authorization).toBe(\`Bearer \${apiKey}\`);
  });
`;
  }
  return text;
}

function unsupportedTest(entry) {
  const params = entry.service.unsupportedParams ?? [];
  if (params.length === 0) return '';
  const rows = params.map((param) => {
    if (!(param in sampleValues)) throw new Error(`no sample value for ${param}`);
    return `[${literal(param)}, ${literal({ [param]: sampleValues[param] })}]`;
  });
  return `
  const unsupported: Array<[string, Partial<ChatRequest>]> = [${rows.join(', ')}];

  it.each(unsupported)('refuses %s, or drops it with drop_params', async (param, fields) => {
    const error = await refusal({ ...hello, ...fields });
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.param).toBe(param);
    const body = await sent({ ...hello, ...fields }, { dropParams: true });
    expect(body).not.toHaveProperty(param);
  });
`;
}

function caseTest(testCase) {
  const options = testCase.options ? `, ${literal(testCase.options)}` : '';
  if (testCase.refuses) {
    return `
  it(${literal(testCase.name)}, async () => {
    const error = await refusal(${withHello(testCase.request)}${options || ', {}'});
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.param).toBe(${literal(testCase.refuses)});
  });
`;
  }
  const checks = [];
  if (testCase.body) checks.push(`expect(body).toMatchObject(${literal(testCase.body)});`);
  for (const path of testCase.absent ?? []) checks.push(`expect(body).not.toHaveProperty(${literal(path)});`);
  if (testCase.url) checks.push(`expect(urls).toEqual([${literal(`${testCase.url}/chat/completions`)}]);`);
  return `
  it(${literal(testCase.name)}, async () => {
    const body = await sent(${withHello(testCase.request)}${options});
    ${checks.join('\n    ')}
  });
`;
}

function streamTest(entry) {
  const usage = entry.service.capabilities.streamUsage;
  const checks = usage
    ? `expect(harness.mock().requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);`
    : `expect(harness.mock().requests[0]?.body).toMatchObject({ stream: true });
    expect(harness.mock().requests[0]?.body).not.toHaveProperty('stream_options');`;
  return `
  it('streams ${usage ? 'with usage at the end' : 'without stream_options, which it does not take'}', async () => {
    const target = provider();
    const request: ChatRequest = { ...hello, stream: true, stream_options: { include_usage: true } };
    const chunks: ChatChunk[] = [];
    for await (const chunk of await target.stream(request, call)) chunks.push(chunk);
    await target.close?.();
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toContain('Hello!');
    ${checks}
  });
`;
}

function embeddingTest(entry, url) {
  const embeddingModel = entry.test.embeddingModel;
  if (!entry.service.capabilities.embeddings) return '';
  if (!embeddingModel) throw new Error(`${entry.id} has embeddings but no test.embeddingModel`);
  return `
  it('embeds at ${url}/embeddings', async () => {
    const target = provider();
    const request = { model: ${literal(embeddingModel)}, input: ['one', 'two'] };
    const result = await target.embed?.(request, { ...call, model: ${literal(embeddingModel)} });
    await target.close?.();
    expect(result?.data).toHaveLength(2);
    expect(urls).toEqual([${literal(`${url}/embeddings`)}]);
    expect(harness.mock().requests[0]?.body).toMatchObject(request);
  });
`;
}

function passthroughTest(entry, url) {
  if (!entry.service.textCompletions) {
    return `
  it('bridges legacy completions through chat unless a deployment opts in', () => {
    const target = provider();
    expect(target.passthrough?.apis).toEqual(['openai-responses', 'openai-completions']);
    expect(target.passthrough?.supports?.('openai-completions', call)).toBe(false);
    expect(target.passthrough?.supports?.('openai-responses', call)).toBe(false);
  });
`;
  }
  const upstream = literal(entry.test.upstreamModel ?? entry.test.model);
  return `
  it('passes legacy completions through to ${url}/completions, usage read on the way', async () => {
    const target = provider();
    expect(target.passthrough?.supports?.('openai-completions', call)).toBe(true);
    expect(target.passthrough?.supports?.('openai-responses', call)).toBe(false);
    const body = { model, prompt: 'Once upon a time', max_tokens: 8 };
    const answer = await target.passthrough!.call('openai-completions', { body, stream: false }, call);
    let text = '';
    for await (const chunk of answer.body) text += Buffer.from(chunk).toString('utf8');
    await target.close?.();
    expect(urls).toEqual([${literal(`${url}/completions`)}]);
    expect(harness.mock().requests[0]?.body).toEqual({ ...body, model: ${upstream} });
    expect(JSON.parse(text).choices[0].text).toBe('Mock reply to: Once upon a time');
    expect(answer.reading?.usage?.total_tokens).toBe(11);
  });
`;
}

/** The generated `src/<kebab>-provider.test.ts`. */
export function testFile(entry) {
  const url = trimmed(entry.test.url ?? entry.service.baseURL);
  const chat = entry.service.capabilities.chat !== false;
  const body = (
    chat
      ? [
          defaultCallTest(entry, url),
          endpointTest(entry),
          keyTests(entry),
          unsupportedTest(entry),
          ...(entry.test.cases ?? []).map(caseTest),
          streamTest(entry),
          embeddingTest(entry, url),
          passthroughTest(entry, url),
        ]
      : [chatlessTests(entry, url)]
  )
    .concat((entry.test.embeddingCases ?? []).map((testCase) => embeddingCaseTest(entry, testCase)))
    .concat(rerankTest(entry, url))
    .join('');
  return `${header(entry)}
describe(${literal(`${entry.id} provider`)}, () => {${body}});
`;
}

/** The generated `src/__fixtures__/conformance.ts` and `src/conformance.test.ts`. */
export function conformanceFiles(entry) {
  const embedding = entry.service.capabilities.embeddings
    ? `\n    embeddingModel: ${literal(entry.test.embeddingModel)},`
    : '';
  const fixture = `import type { Provider, ProviderCallOptions } from '@switchyard/core';
import { create${entry.name} } from '../${kebab(entry.id)}-provider.js';

const apiKey = '${kebab(entry.id)}-conformance-key-0123456789';

export const conformance = [
  {
    name: ${literal(entry.id)},
    createProvider: (mockOrigin: string): Provider =>
      create${entry.name}({ apiKey, baseURL: \`\${mockOrigin}/v1\`, env: {} }),
    callOptions: (): ProviderCallOptions => ({ model: ${literal(entry.test.model)} }),
    mockApiKeys: [apiKey],${embedding}
  },
];
`;
  const test = `import { describeProviderConformance } from '@switchyard-tooling/provider-conformance';
import { conformance } from './__fixtures__/conformance.js';

for (const target of conformance) describeProviderConformance(target);
`;
  return { fixture, test };
}
