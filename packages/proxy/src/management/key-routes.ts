import { BadRequestError } from '@switchyard/core';
import { toKeyHash, type VirtualKey } from '@switchyard/store';
import type { Context, Hono } from 'hono';
import type { ProxyEnv } from '../proxy-env.js';
import { afterAuthChange } from './auth-change.js';
import { createKeyFor, newKeyValue, prepareKeyUpdate } from './key-writes.js';
import {
  changedBy,
  type ManagementServices,
  principalOf,
  readBody,
  readQuery,
} from './management-services.js';
import { authorize } from './policy/index.js';
import {
  blockKeySchema,
  generateKeySchema,
  keyInfoQuerySchema,
  regenerateKeySchema,
  updateKeySchema,
} from './schemas/key-schemas.js';
import { unsupportedKeyFields } from './schemas/unsupported-fields.js';
import { notFound, requireKey, teamOf } from './store-lookups.js';

/** A key's settings without its hash (litellm's `/key/info` `info`). */
function keyInfo(key: VirtualKey): Omit<VirtualKey, 'token'> {
  const { token: _token, ...info } = key;
  return info;
}

/**
 * POST /key/generate, /key/update, /key/regenerate (and /key/{key}/regenerate), /key/block,
 * /key/unblock and GET /key/info. A key's plaintext is returned by generate and regenerate only,
 * once; every other answer names a key by its hash (`token`).
 */
export function keyRoutes(app: Hono<ProxyEnv>, services: ManagementServices): void {
  const { store } = services;

  app.post('/key/generate', async (c) => {
    const input = await readBody(c, generateKeySchema, unsupportedKeyFields);
    const { key, plaintext } = await createKeyFor(services, principalOf(c), input);
    return c.json({ ...key, key: plaintext, token_id: key.token, duration: input.duration ?? null });
  });

  app.post('/key/update', async (c) => {
    const { key: reference, ...input } = await readBody(c, updateKeySchema, unsupportedKeyFields);
    const key = await requireKey(store, reference);
    const update = await prepareKeyUpdate(services, principalOf(c), key, input);
    const updated = await store.updateKey(key.token, update);
    afterAuthChange(services, { tokens: [key.token] });
    if (!updated) throw notFound('key: no such key (it was deleted meanwhile)', 'key');
    return c.json({ ...updated, key: updated.token });
  });

  const regenerate = async (c: Context<ProxyEnv>) => {
    const body = await readBody(c, regenerateKeySchema, unsupportedKeyFields, { optional: true });
    const { key: fromBody, new_key: newKey, ...input } = body;
    const reference = fromBody ?? c.req.param('key');
    if (!reference) {
      throw new BadRequestError({ message: 'key: name the key to regenerate', param: 'key' });
    }
    const principal = principalOf(c);
    const key = await requireKey(store, reference);
    authorize(principal, 'key:regenerate', { key, team: await teamOf(store, key.team_id) });
    const update = await prepareKeyUpdate(services, principal, key, input);
    const value = newKeyValue(services, newKey, 'new_key');
    const regenerated = await store.regenerateKey(key.token, {
      ...update,
      token: value.token,
      key_name: value.key_name,
    });
    afterAuthChange(services, { tokens: [key.token, value.token] });
    if (!regenerated) throw notFound('key: no such key (it was deleted meanwhile)', 'key');
    return c.json({ ...regenerated, key: value.plaintext, token_id: regenerated.token });
  };
  app.post('/key/regenerate', regenerate);
  app.post('/key/:key/regenerate', regenerate);

  const block = (blocked: boolean) => async (c: Context<ProxyEnv>) => {
    const { key: reference } = await readBody(c, blockKeySchema, []);
    const principal = principalOf(c);
    const key = await requireKey(store, reference);
    authorize(principal, 'key:block', { key, team: await teamOf(store, key.team_id) });
    const changed = await store.setKeyBlocked(key.token, blocked, changedBy(principal));
    afterAuthChange(services, { tokens: [key.token] });
    if (!changed) throw notFound('key: no such key (it was deleted meanwhile)', 'key');
    return c.json(changed);
  };
  app.post('/key/block', block(true));
  app.post('/key/unblock', block(false));

  app.get('/key/info', async (c) => {
    const query = readQuery(c, keyInfoQuerySchema);
    const principal = principalOf(c);
    let token: string;
    if (query.key !== undefined) token = toKeyHash(query.key);
    else if (principal.kind === 'virtual') token = principal.token;
    else throw new BadRequestError({ message: 'key: pass ?key=<key or its hash>', param: 'key' });
    const key = await requireKey(store, token);
    authorize(principal, 'key:read', { key, team: await teamOf(store, key.team_id) });
    return c.json({ key: key.token, info: keyInfo(key) });
  });
}
