import { z } from 'zod';
import {
  budgetFields,
  customKey,
  id,
  instant,
  keyDuration,
  keyReference,
  label,
  metadata,
  modelList,
  money,
  queryBoolean,
  queryInteger,
  stringList,
} from './common-schemas.js';

/** Fields a key create, update or regeneration may set (litellm's names). */
const keyFields = {
  key_alias: label.nullish(),
  models: modelList.nullish(),
  ...budgetFields,
  duration: keyDuration.nullish(),
  expires: instant.nullish(),
  metadata: metadata.nullish(),
  user_id: id.nullish(),
  team_id: id.nullish(),
  tags: stringList.nullish(),
  allowed_routes: stringList.nullish(),
  blocked: z.boolean().nullish(),
  spend: money.optional(),
};

function notBoth(value: { duration?: unknown; expires?: unknown }): boolean {
  return value.duration === undefined || value.expires === undefined;
}

const durationOrExpires = { error: 'set either duration or expires, not both', path: ['duration'] };

/** litellm's `key_type`: which routes a new key may call when `allowed_routes` is not given. */
export const keyTypes = ['llm_api', 'management', 'read_only', 'default'] as const;

/** POST /key/generate */
export const generateKeySchema = z
  .object({ ...keyFields, key: customKey.nullish(), key_type: z.enum(keyTypes).nullish() })
  .refine(notBoth, durationOrExpires);

/** POST /key/update */
export const updateKeySchema = z
  .object({ ...keyFields, key: keyReference })
  .refine(notBoth, durationOrExpires);

/** POST /key/regenerate and /key/{key}/regenerate (the key may come from the path). */
export const regenerateKeySchema = z
  .object({ ...keyFields, key: keyReference.nullish(), new_key: customKey.nullish() })
  .refine(notBoth, durationOrExpires);

/** POST /key/delete */
export const deleteKeysSchema = z
  .object({
    keys: z.array(keyReference).max(1000).nullish(),
    key_aliases: z.array(label).max(1000).nullish(),
  })
  .refine((value) => (value.keys?.length ?? 0) > 0 || (value.key_aliases?.length ?? 0) > 0, {
    error: "at least one of 'keys' or 'key_aliases' must be given",
    path: ['keys'],
  });

/** POST /key/block and /key/unblock */
export const blockKeySchema = z.object({ key: keyReference });

/** GET /key/info */
export const keyInfoQuerySchema = z.object({ key: keyReference.optional() });

/** GET /key/list (litellm: page from 1, size 1 to 100, default 10) */
export const keyListQuerySchema = z.object({
  page: queryInteger(1, 1_000_000).default(1),
  size: queryInteger(1, 100).default(10),
  user_id: id.optional(),
  team_id: id.optional(),
  key_alias: label.optional(),
  key_hash: keyReference.optional(),
  return_full_object: queryBoolean.default(false),
  include_team_keys: queryBoolean.default(false),
});

export type KeyFieldsInput = z.output<typeof updateKeySchema>;
export type GenerateKeyInput = z.output<typeof generateKeySchema>;
export type RegenerateKeyInput = z.output<typeof regenerateKeySchema>;
