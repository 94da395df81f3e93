import OpenAI from 'openai';
import { expect } from 'vitest';
import { expectError, type ManagementClient, ok } from './management-client.js';
import type { TestProxy } from './start-test-proxy.js';

interface GeneratedKey {
  key: string;
  token: string;
  key_name: string;
  expires: string | null;
  models: string[];
  max_budget: number | null;
}

/**
 * A virtual key's whole life through HTTP: generated, used with the official openai client,
 * updated, blocked (401), unblocked, regenerated (old key 401, new one works) and deleted (401).
 * Runs on whichever store the proxy was started with.
 */
export async function runKeyLifecycle(setup: TestProxy, admin: ManagementClient): Promise<void> {
  const generated = ok<GeneratedKey>(
    await admin.post('/key/generate', {
      models: ['gpt-test'],
      max_budget: 5,
      key_alias: 'lifecycle',
      metadata: { app: 'ci' },
    }),
  );
  expect(generated.key).toMatch(/^sk-[A-Za-z0-9_-]{43}$/);
  expect(generated.token).toMatch(/^[0-9a-f]{64}$/);
  expect(generated.key_name).toBe(`sk-...${generated.key.slice(-4)}`);
  expect(generated).toMatchObject({ models: ['gpt-test'], max_budget: 5, expires: null });

  const client = new OpenAI({ apiKey: generated.key, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
  const answer = await client.chat.completions.create({
    model: 'gpt-test',
    messages: [{ role: 'user', content: 'hello from a virtual key' }],
  });
  expect(answer.choices[0]?.message.content).toContain('hello from a virtual key');

  const updated = ok(
    await admin.post('/key/update', { key: generated.key, max_budget: 10, key_alias: 'lifecycle-2' }),
  );
  expect(updated).toMatchObject({
    key: generated.token,
    token: generated.token,
    max_budget: 10,
    key_alias: 'lifecycle-2',
  });
  const info = ok<{ key: string; info: Record<string, unknown> }>(
    await admin.get('/key/info', { key: generated.key }),
  );
  expect(info.key).toBe(generated.token);
  expect(info.info).toMatchObject({
    max_budget: 10,
    key_alias: 'lifecycle-2',
    metadata: { app: 'ci' },
    blocked: false,
  });
  expect(JSON.stringify(info)).not.toContain(generated.key);

  ok(await admin.post('/key/block', { key: generated.token }));
  const blocked = await client.chat.completions
    .create({ model: 'gpt-test', messages: [{ role: 'user', content: 'x' }] })
    .catch((error: unknown) => error);
  expect(blocked).toBeInstanceOf(OpenAI.AuthenticationError);
  expect((blocked as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('key_blocked');
  ok(await admin.post('/key/unblock', { key: generated.key }));
  expect(await admin.as(generated.key).chatStatus('gpt-test')).toBe(200);
  // Its model list holds: another model is refused.
  expect(await admin.as(generated.key).chatStatus('local')).toBe(403);

  const regenerated = ok<GeneratedKey & { key_alias: string }>(
    await admin.post(`/key/${generated.key}/regenerate`, { max_budget: 20 }),
  );
  expect(regenerated.key).not.toBe(generated.key);
  expect(regenerated.token).not.toBe(generated.token);
  expect(regenerated).toMatchObject({
    key_alias: 'lifecycle-2',
    max_budget: 20,
    key_name: `sk-...${regenerated.key.slice(-4)}`,
  });
  expect(await admin.as(generated.key).chatStatus()).toBe(401);
  const fresh = new OpenAI({ apiKey: regenerated.key, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
  const again = await fresh.chat.completions.create({
    model: 'gpt-test',
    messages: [{ role: 'user', content: 'again' }],
  });
  expect(again.choices[0]?.message.content).toContain('again');
  expectError(await admin.get('/key/info', { key: generated.key }), 404, 'key');

  const deleted = ok(await admin.post('/key/delete', { keys: [regenerated.key] }));
  expect(deleted).toEqual({ deleted_keys: [regenerated.token] });
  expect(await admin.as(regenerated.key).chatStatus()).toBe(401);
  expectError(await admin.post('/key/delete', { keys: [regenerated.key] }), 404, 'keys[0]');
}
