import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CallTrace,
  createMock,
  createOpenAI,
  createSwitchyard,
  NoDeploymentsAvailableError,
} from '../src/index.js';

let upstream: MockUpstream;
beforeAll(async () => {
  upstream = await startMockUpstream({ apiKeys: ['sk-lib-key'] });
});
afterAll(() => upstream.close());

const messages = [{ role: 'user' as const, content: 'routed' }];

describe('routerSettings in the library', () => {
  it('builds the router: retries, fallbacks and cooldowns without the proxy', async () => {
    const openai = { provider: 'openai', apiBase: `${upstream.url}/v1`, apiKey: 'sk-lib-key' };
    const gateway = createSwitchyard({
      providers: [createOpenAI(), createMock()],
      models: [
        { modelName: 'main', model: 'main-a', id: 'main-a', ...openai },
        { modelName: 'main', model: 'main-b', id: 'main-b', ...openai },
        { modelName: 'backup', provider: 'mock', model: 'demo', id: 'backup' },
      ],
      routerSettings: {
        num_retries: 1,
        allowed_fails: 0,
        cooldown_time: 30,
        fallbacks: [{ main: ['backup'] }],
      },
    });
    upstream.script({ status: 500 });
    const trace: CallTrace = {};
    const answer = await gateway.completion({ model: 'main', messages }, { trace });
    expect(answer.choices[0]?.message.content).toContain('routed');
    expect(trace).toMatchObject({ attempts: 3, retries: 1, fallbacks: 1 });
    expect(trace.deployment?.id).toBe('backup');
    // Both deployments of main failed once with allowed_fails 0: both cool down, and the group
    // itself answers no_deployments_available, which the fallback still covers.
    const again: CallTrace = {};
    await gateway.completion({ model: 'main', messages }, { trace: again });
    expect(again).toMatchObject({ attempts: 1, fallbacks: 1 });
    expect(upstream.requests).toHaveLength(2);
    const direct = createSwitchyard({
      providers: [createOpenAI()],
      models: [
        { modelName: 'main', model: 'main-a', id: 'main-a', ...openai },
        { modelName: 'main', model: 'main-b', id: 'main-b', ...openai },
      ],
      routerSettings: { num_retries: 1, allowed_fails: 0, cooldown_time: 30 },
    });
    await direct.completion({ model: 'main', messages }).catch(() => undefined);
    await expect(direct.completion({ model: 'main', messages })).rejects.toBeInstanceOf(
      NoDeploymentsAvailableError,
    );
    await gateway.close();
    await direct.close();
  });
});
