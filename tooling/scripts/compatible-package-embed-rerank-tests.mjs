// The parts of a compatible service's generated test beyond chat: a service without chat (refused,
// the rest tested through embeddings), `test.embeddingCases`, and the native rerank API. Used by
// `compatible-package-tests.mjs`.
import { literal } from './compatible-package-templates.mjs';

const rerankDocuments = ['Berlin is in Germany', 'Paris is the capital of France', 'France has wine'];

export function rerankTest(entry, url) {
  const rerank = entry.service.rerank;
  if (!rerank) return '';
  const model = entry.test.rerankModel;
  if (!model) throw new Error(`${entry.id} has rerank but no test.rerankModel`);
  const top = rerank.dialect === 'voyage' ? 'top_k' : 'top_n';
  let text = `
  const rerankRequest = { model: ${literal(model)}, query: 'capital of France', documents: ${literal(rerankDocuments)}, top_n: 2, return_documents: true };

  it('reranks at ${url}${rerank.path} in Cohere’s shape, with the tokens billed', async () => {
    const target = provider();
    const result = await target.rerank?.(rerankRequest, { ...call, model: ${literal(model)} });
    await target.close?.();
    expect(urls).toEqual([${literal(`${url}${rerank.path}`)}]);
    expect(harness.mock().requests[0]?.body).toMatchObject({ model: ${literal(model)}, query: 'capital of France', documents: rerankRequest.documents, ${top}: 2, return_documents: true });
    expect(result?.results).toEqual([
      { index: 1, relevance_score: 1, document: { text: 'Paris is the capital of France' } },
      { index: 2, relevance_score: 0.333333, document: { text: 'France has wine' } },
    ]);
    expect(result?.meta).toMatchObject({ billed_units: { total_tokens: 22 } });
  });
`;
  for (const param of rerank.unsupportedParams ?? []) {
    text += `
  it('refuses ${param} in rerank, or drops it with drop_params', async () => {
    const target = provider();
    const asked = { ...rerankRequest, ${param}: 512 };
    const error = await target.rerank?.(asked, { ...call, model: ${literal(model)} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe(${literal(param)});
    expect(harness.mock().requestCount()).toBe(0);
    await target.rerank?.(asked, { ...call, model: ${literal(model)}, dropParams: true });
    await target.close?.();
    expect(harness.mock().requests[0]?.body).not.toHaveProperty(${literal(param)});
  });
`;
  }
  return text;
}

/** A service without chat completions: chat refused, the rest tested through embeddings. */
export function chatlessTests(entry, url) {
  const { service, test } = entry;
  const embeddingModel = test.embeddingModel;
  if (!service.capabilities.embeddings || !embeddingModel) {
    throw new Error(`${entry.id} has no chat, so it needs embeddings and test.embeddingModel`);
  }
  const vars = service.apiKeyEnvVars ?? [];
  const envVar = service.apiBaseEnvVars?.[0];
  const embed = `const embedRequest = { model: ${literal(embeddingModel)}, input: ['one', 'two'] };
  const embedCall = { ...call, model: ${literal(embeddingModel)} };`;
  let text = `
  ${embed}

  it('refuses chat completions with a 400 naming ${entry.id}, before reaching the network', async () => {
    const error = await refusal(hello);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toContain(${literal(`"${entry.id}" does not support chat completions`)});
  });

  it('declares its capabilities', () => {
    const target = create${entry.name}({ env });
    expect(target.id).toBe(${literal(entry.id)});
    expect(target.capabilities).toMatchObject(${literal(service.capabilities)});
    expect(typeof target.embed).toBe('function');
    expect(typeof target.rerank).toBe(${literal(service.rerank ? 'function' : 'undefined')});
  });

  it('embeds at ${url}/embeddings with its key', async () => {
    const target = provider();
    const result = await target.embed?.(embedRequest, embedCall);
    await target.close?.();
    expect(result?.data).toHaveLength(2);
    expect(result?.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(urls).toEqual([${literal(`${url}/embeddings`)}]);
    const request = harness.mock().requests[0];
    expect(request?.headers.authorization).toBe(\`Bearer \${apiKey}\`);
    expect(request?.body).toMatchObject(embedRequest);
  });
`;
  if (envVar) {
    text += `
  it('reads the endpoint from ${envVar} and prefers a deployment api_base', async () => {
    const target = provider({ ${envVar}: 'https://base.example/v1' });
    await target.embed?.(embedRequest, embedCall);
    await target.embed?.(embedRequest, { ...embedCall, apiBase: 'https://deployment.example/v1' });
    await target.close?.();
    expect(urls).toEqual(['https://base.example/v1/embeddings', 'https://deployment.example/v1/embeddings']);
  });
`;
  }
  if (service.requiresApiKey) {
    const cleared = vars.map((name) => `${name}: undefined`).join(', ');
    text += `
  it('refuses to call without a key, naming ${vars.join(' / ')}', async () => {
    const target = provider({ ${cleared} });
    const error = await target.embed?.(embedRequest, embedCall).catch((caught: unknown) => caught);
    await target.close?.();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain(${literal(vars.join(' / '))});
    expect(harness.mock().requestCount()).toBe(0);
  });
`;
    if (vars.length > 1) {
      text += `
  it('also reads the key from ${vars.at(-1)}', async () => {
    const target = provider({ ${vars[0]}: undefined, ${vars.at(-1)}: apiKey });
    await target.embed?.(embedRequest, embedCall);
    await target.close?.();
    expect(harness.mock().requests[0]?.headers.authorization).toBe(\`Bearer \${apiKey}\`);
  });
`;
    }
  }
  return text;
}

/** `test.embeddingCases`: an embedding request with extra fields, and what the service must receive. */
export function embeddingCaseTest(entry, testCase) {
  const model = entry.test.embeddingModel;
  const checks = [];
  if (testCase.body)
    checks.push(`expect(harness.mock().requests[0]?.body).toMatchObject(${literal(testCase.body)});`);
  for (const path of testCase.absent ?? []) {
    checks.push(`expect(harness.mock().requests[0]?.body).not.toHaveProperty(${literal(path)});`);
  }
  if (testCase.encoded) checks.push(`expect(typeof result?.data[0]?.embedding).toBe('string');`);
  return `
  it(${literal(testCase.name)}, async () => {
    const target = provider();
    const result = await target.embed?.({ model: ${literal(model)}, input: ['one', 'two'], ...${literal(testCase.request)} }, { ...call, model: ${literal(model)} });
    await target.close?.();
    expect(result?.data).toHaveLength(2);
    ${checks.join('\n    ')}
  });
`;
}
