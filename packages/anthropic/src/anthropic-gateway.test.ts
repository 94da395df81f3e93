import { type CallInfo, createSwitchyard } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { apiKey, collect, textOf } from './__fixtures__/provider-harness.js';
import { createAnthropic } from './anthropic-provider.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

it('serves anthropic/<model> through createSwitchyard, with usage and cost for every call', async () => {
  const calls: CallInfo[] = [];
  const gateway = createSwitchyard({
    providers: [createAnthropic({ apiKey, baseURL: mock.url, env: {} })],
    onCall: (info) => calls.push(info),
  });
  const messages = [{ role: 'user' as const, content: 'Hello there' }];

  const answer = await gateway.completion({ model: 'anthropic/claude-sonnet-4-5', messages });
  const chunks = await collect(
    await gateway.completion({ model: 'anthropic/claude-sonnet-4-5', messages, stream: true }),
  );
  await gateway.close();

  expect(answer.choices[0]?.message.content).toBe('Mock reply to: Hello there');
  expect(textOf(chunks)).toBe('Mock reply to: Hello there');
  // The caller did not ask for usage in the stream; the gateway still gets it for accounting.
  expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  expect(mock.requests.map((request) => (request.body as { model: string }).model)).toEqual([
    'claude-sonnet-4-5',
    'claude-sonnet-4-5',
  ]);
  expect(calls).toHaveLength(2);
  for (const info of calls) {
    expect(info).toMatchObject({ provider: 'anthropic', outcome: 'success', usage: { prompt_tokens: 2 } });
    expect(info.cost).toBeGreaterThan(0);
  }
});
