import type { PassthroughResponse } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiKey, azureAt, call, deployment } from './__fixtures__/provider-harness.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

async function text(passed: PassthroughResponse): Promise<string> {
  let out = '';
  for await (const chunk of passed.body) out += Buffer.from(chunk).toString('utf8');
  return out;
}

const provider = (apiVersion: string) => azureAt(mock.url, { apiVersion });
const create = { body: { model: deployment, input: 'Hi there' }, stream: false };

describe('Azure pass-through of the Responses API', () => {
  it('uses /openai/responses?api-version= on a dated preview from 2025-03-01 on', async () => {
    const azure = provider('2025-04-01-preview');
    expect(azure.passthrough?.supports?.('openai-responses', call)).toBe(true);
    const created = JSON.parse(await text(await azure.passthrough!.call('openai-responses', create, call)));
    await text(
      await azure.passthrough!.call(
        'openai-responses',
        {
          method: 'GET',
          path: `/${created.id}/input_items`,
          stream: false,
          query: { 'api-version': 'hijack', limit: '2' },
        },
        call,
      ),
    );
    expect(mock.requests.map((request) => [request.method, request.path, request.query])).toEqual([
      ['POST', '/openai/responses', { 'api-version': '2025-04-01-preview' }],
      [
        'GET',
        `/openai/responses/${created.id}/input_items`,
        { 'api-version': '2025-04-01-preview', limit: '2' },
      ],
    ]);
    expect(mock.requests[0]?.headers['api-key']).toBe(apiKey);
    expect(mock.requests[0]?.body).toEqual(create.body);
    await azure.close?.();
  });

  it('uses /openai/v1/responses on the v1 surface (with api-version=preview for preview)', async () => {
    for (const version of ['v1', 'preview']) {
      const azure = provider(version);
      const passed = await azure.passthrough!.call(
        'openai-responses',
        { ...create, stream: true, body: { ...create.body, stream: true } },
        call,
      );
      expect(await text(passed)).toContain('event: response.completed');
      expect(passed.reading?.usage?.total_tokens).toBe(7);
      await azure.close?.();
    }
    expect(mock.requests.map((request) => [request.path, request.query])).toEqual([
      ['/openai/v1/responses', {}],
      ['/openai/v1/responses', { 'api-version': 'preview' }],
    ]);
  });

  it('bridges older api-versions by default and refuses to pass them through', async () => {
    const azure = provider('2024-10-21');
    expect(azure.passthrough?.supports?.('openai-responses', call)).toBe(false);
    await expect(azure.passthrough!.call('openai-responses', create, call)).rejects.toMatchObject({
      status: 400,
      code: 'unsupported_api_version',
      message: expect.stringContaining('2024-10-21'),
    });
    expect(azureAt('', {}).passthrough?.supports?.('openai-responses', call)).toBe(false);
    expect(mock.requests).toHaveLength(0);
    await azure.close?.();
  });
});

describe('Azure pass-through of legacy completions', () => {
  it('posts to the deployment’s /completions, or /openai/v1/completions on v1, with usage read', async () => {
    const instruct = { model: 'gpt-35-turbo-instruct' };
    for (const version of ['2024-10-21', 'v1']) {
      const azure = provider(version);
      expect(azure.passthrough?.supports?.('openai-completions', call)).toBe(false);
      expect(azure.passthrough?.supports?.('openai-completions', { model: 'gpt-3.5-turbo-instruct' })).toBe(
        true,
      );
      const passed = await azure.passthrough!.call(
        'openai-completions',
        { body: { model: instruct.model, prompt: 'Hello there' }, stream: false },
        instruct,
      );
      expect(JSON.parse(await text(passed)).choices[0].text).toBe('Mock reply to: Hello there');
      expect(passed.reading?.usage?.total_tokens).toBe(7);
      await azure.close?.();
    }
    expect(mock.requests.map((request) => [request.path, request.query])).toEqual([
      ['/openai/deployments/gpt-35-turbo-instruct/completions', { 'api-version': '2024-10-21' }],
      ['/openai/v1/completions', {}],
    ]);
  });
});
