import { userRoles } from '@switchyard/store';
import { z } from 'zod';
import {
  budgetFields,
  id,
  keyDuration,
  label,
  metadata,
  modelList,
  money,
  queryInteger,
} from './common-schemas.js';

const email = z.string().trim().min(3).max(320);

const userFields = {
  user_alias: label.nullish(),
  user_email: email.nullish(),
  user_role: z.enum(userRoles).nullish(),
  models: modelList.nullish(),
  ...budgetFields,
  metadata: metadata.nullish(),
  spend: money.optional(),
};

/** A team to join on creation: its id, or litellm's `{team_id, user_role}`. */
const teamMembership = z.union([
  id,
  z.object({
    team_id: id,
    user_role: z.enum(['admin', 'user']).default('user'),
    max_budget_in_team: z.null().optional(),
  }),
]);

/** POST /user/new (litellm's NewUserRequest; `auto_create_key` defaults to true as litellm's). */
export const newUserSchema = z.object({
  ...userFields,
  user_id: id.nullish(),
  teams: z.array(teamMembership).max(100).nullish(),
  /** litellm's deprecated single team (joined as a `user`). */
  team_id: id.nullish(),
  auto_create_key: z.boolean().default(true),
  key_alias: label.nullish(),
  duration: keyDuration.nullish(),
});

/** POST /user/update: the user by `user_id`, or by `user_email` when no id is given. */
export const updateUserSchema = z
  .object({ ...userFields, user_id: id.nullish() })
  .refine((value) => Boolean(value.user_id) || Boolean(value.user_email), {
    error: 'either user_id or user_email must be given',
    path: ['user_id'],
  });

/** POST /user/delete */
export const deleteUsersSchema = z.object({ user_ids: z.array(id).min(1).max(1000) });

/** GET /user/info */
export const userInfoQuerySchema = z.object({ user_id: id.optional() });

/** GET /user/list (litellm: page from 1, page_size 1 to 100, default 25) */
export const userListQuerySchema = z.object({
  role: z.enum(userRoles).optional(),
  user_ids: z.string().trim().min(1).max(10_000).optional(),
  user_email: email.optional(),
  team: id.optional(),
  page: queryInteger(1, 1_000_000).default(1),
  page_size: queryInteger(1, 100).default(25),
});

export type NewUserInput = z.output<typeof newUserSchema>;
export type UpdateUserInput = z.output<typeof updateUserSchema>;
