import { teamMemberRoles } from '@switchyard/store';
import { z } from 'zod';
import { budgetFields, id, label, metadata, modelList, money, queryInteger } from './common-schemas.js';

const email = z.string().trim().min(3).max(320);

/** A member by user_id or user_email (litellm's `Member`). */
export const memberSchema = z
  .object({
    user_id: id.nullish(),
    user_email: email.nullish(),
    role: z.enum(teamMemberRoles).default('user'),
  })
  .refine((value) => Boolean(value.user_id) || Boolean(value.user_email), {
    error: 'either user_id or user_email must be given',
    path: ['user_id'],
  });

const teamFields = {
  team_alias: label.nullish(),
  models: modelList.nullish(),
  ...budgetFields,
  metadata: metadata.nullish(),
  blocked: z.boolean().nullish(),
};

/** POST /team/new */
export const newTeamSchema = z.object({
  ...teamFields,
  team_id: id.nullish(),
  members_with_roles: z.array(memberSchema).max(1000).nullish(),
  spend: money.optional(),
});

/** POST /team/update */
export const updateTeamSchema = z.object({ ...teamFields, team_id: id, spend: money.optional() });

/** POST /team/delete */
export const deleteTeamsSchema = z.object({ team_ids: z.array(id).min(1).max(1000) });

/** POST /team/block and /team/unblock */
export const blockTeamSchema = z.object({ team_id: id });

/** POST /team/member_add: one member or several. */
export const memberAddSchema = z.object({
  team_id: id,
  member: z.union([memberSchema, z.array(memberSchema).min(1).max(1000)]),
  max_budget_in_team: z.null().optional(),
});

/** POST /team/member_delete */
export const memberDeleteSchema = z
  .object({ team_id: id, user_id: id.nullish(), user_email: email.nullish() })
  .refine((value) => Boolean(value.user_id) || Boolean(value.user_email), {
    error: 'either user_id or user_email must be given',
    path: ['user_id'],
  });

/** GET /team/info */
export const teamInfoQuerySchema = z.object({ team_id: id });

/** GET /team/list: every team (or a user's), optionally one page of them. */
export const teamListQuerySchema = z.object({
  user_id: id.optional(),
  page: queryInteger(1, 1_000_000).optional(),
  page_size: queryInteger(1, 1000).optional(),
});

export type MemberInput = z.output<typeof memberSchema>;
export type NewTeamInput = z.output<typeof newTeamSchema>;
export type UpdateTeamInput = z.output<typeof updateTeamSchema>;
