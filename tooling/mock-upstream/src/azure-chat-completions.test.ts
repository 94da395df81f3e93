import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { chatBody, postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

let mock: MockUpstream;
const key = 'azure-mock-key-0123456789abcdef';

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [key] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const deploymentUrl = (deployment: string, query = '?api-version=2024-10-21') =>
  `${mock.url}/openai/deployments/${deployment}/chat/completions${query}`;

const chat = (url: string, body: unknown, headers: Record<string, string> = { 'api-key': key }) =>
  postJson(url, body, { headers });

interface AzureCompletion {
  model: string;
  choices: Array<{
    message: { content: string | null; tool_calls?: unknown[] };
    finish_reason: string;
    content_filter_results: Record<string, { filtered: boolean }>;
  }>;
  prompt_filter_results: Array<{ prompt_index: number; content_filter_results: Record<string, unknown> }>;
  usage: { prompt_tokens: number };
}

interface AzureError {
  error: { code: string; message: string; type?: string | null };
}

describe('POST /openai/deployments/{deployment}/chat/completions', () => {
  it('answers for the deployment in the path, ignoring the body’s model, with content filter verdicts', async () => {
    const response = await chat(deploymentUrl('my-gpt4o'), chatBody('hello there', { model: 'ignored' }));

    expect(response.status).toBe(200);
    expect(response.headers.get('apim-request-id')).toMatch(/^[a-z0-9-]{36}$/);
    const body = await readJson<AzureCompletion>(response);
    expect(body.model).toBe('my-gpt4o');
    expect(body.choices[0]?.message.content).toBe('Mock reply to: hello there');
    expect(body.choices[0]?.content_filter_results.violence).toEqual({ filtered: false, severity: 'safe' });
    expect(body.prompt_filter_results[0]?.prompt_index).toBe(0);
    expect(mock.requests[0]).toMatchObject({ model: 'my-gpt4o', query: { 'api-version': '2024-10-21' } });
  });

  it('accepts a body without a model', async () => {
    const response = await chat(deploymentUrl('dep'), { messages: [{ role: 'user', content: 'hi' }] });

    expect(response.status).toBe(200);
    expect((await readJson<AzureCompletion>(response)).model).toBe('dep');
  });

  it('answers 404 Resource not found without api-version, as Azure does', async () => {
    const response = await chat(deploymentUrl('dep', ''), chatBody('hi'));

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: '404', message: 'Resource not found' } });
  });

  it('matches rules and counts requests by the deployment in the path', async () => {
    mock.script({ match: { model: 'busy-deployment' }, status: 429, headers: { 'retry-after': '3' } });

    const busy = await chat(deploymentUrl('busy-deployment'), chatBody('hi'));
    const other = await chat(deploymentUrl('other'), chatBody('hi', { model: 'busy-deployment' }));

    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('3');
    expect((await readJson<AzureError>(busy)).error).toEqual({
      code: '429',
      message: expect.stringContaining('exceeded token rate limit'),
    });
    expect(other.status).toBe(200);
    expect(mock.requestCount('busy-deployment')).toBe(1);
    expect(mock.requestCount('other')).toBe(1);
  });

  it('ends a choice with content_filter and blocked verdicts when scripted', async () => {
    mock.script({ respond: { finishReason: 'content_filter', content: '' } });

    const body = await readJson<AzureCompletion>(await chat(deploymentUrl('dep'), chatBody('hi')));

    expect(body.choices[0]?.finish_reason).toBe('content_filter');
    expect(body.choices[0]?.content_filter_results.violence?.filtered).toBe(true);
  });

  it('answers forced tool calls', async () => {
    const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }];
    const body = await readJson<AzureCompletion>(
      await chat(deploymentUrl('dep'), chatBody('hi', { tools, tool_choice: 'required' })),
    );

    expect(body.choices[0]?.finish_reason).toBe('tool_calls');
    expect(body.choices[0]?.message.tool_calls).toHaveLength(1);
  });

  it.each([
    [401, '401'],
    [403, '403'],
    [404, 'DeploymentNotFound'],
    [408, 'Timeout'],
    [503, 'ServiceUnavailable'],
  ])('answers a scripted %i with Azure’s gateway error body', async (status, code) => {
    mock.script({ status });

    const response = await chat(deploymentUrl('dep'), chatBody('hi'));

    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
  });
});

describe('POST /openai/v1/chat/completions', () => {
  it('takes the deployment from the body’s model and needs no api-version', async () => {
    const response = await chat(
      `${mock.url}/openai/v1/chat/completions`,
      chatBody('hi', { model: 'dep-v1' }),
    );

    expect(response.status).toBe(200);
    expect((await readJson<AzureCompletion>(response)).model).toBe('dep-v1');
    expect(mock.requestCount('dep-v1')).toBe(1);
  });
});

describe('authentication', () => {
  const url = () => deploymentUrl('dep');

  it('accepts the key as api-key or as an Entra ID bearer token', async () => {
    expect((await chat(url(), chatBody('hi'), { 'api-key': key })).status).toBe(200);
    expect((await chat(url(), chatBody('hi'), { authorization: `Bearer ${key}` })).status).toBe(200);
  });

  it('answers a wrong or missing api-key with Azure’s 401, without echoing it', async () => {
    const wrong = await chat(url(), chatBody('hi'), { 'api-key': 'wrong-key-123' });
    const missing = await chat(url(), chatBody('hi'), {});

    for (const response of [wrong, missing]) {
      expect(response.status).toBe(401);
      const body = await readJson<AzureError>(response);
      expect(body.error.code).toBe('401');
      expect(body.error.message).toContain('Access denied due to invalid subscription key');
      expect(JSON.stringify(body)).not.toContain('wrong-key-123');
    }
  });

  it('answers a wrong bearer token with the token 401', async () => {
    const response = await chat(url(), chatBody('hi'), { authorization: 'Bearer not-a-token' });

    expect(response.status).toBe(401);
    expect((await readJson<AzureError>(response)).error.message).toMatch(/^Unauthorized\. Access token/);
  });
});
