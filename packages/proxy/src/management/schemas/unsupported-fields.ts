import { BadRequestError, isRecord } from '@switchyard/core';

/**
 * litellm request fields Switchyard does not implement. Sent with a value that means something,
 * they are refused with a 400 rather than ignored: a silently dropped per-model budget or
 * guardrail would look enforced when it is not. Empty values (null, false, "", [], {}) pass, as
 * litellm's own clients send them by default. Any other unknown field is ignored, as litellm does.
 */
const keyFields = [
  'model_max_budget',
  'model_rpm_limit',
  'model_tpm_limit',
  'rpm_limit_type',
  'tpm_limit_type',
  'budget_id',
  'soft_budget',
  'temp_budget_increase',
  'temp_budget_expiry',
  'enforced_params',
  'guardrails',
  'policies',
  'prompts',
  'aliases',
  'config',
  'permissions',
  'allowed_cache_controls',
  'allowed_passthrough_routes',
  'object_permission',
  'organization_id',
  'project_id',
  'agent_id',
  'access_group_ids',
  'router_settings',
  'auto_rotate',
  'rotation_interval',
  'send_invite_email',
  'grace_period',
  'new_master_key',
];

export const unsupportedKeyFields: ReadonlyArray<string> = keyFields;

export const unsupportedUserFields: ReadonlyArray<string> = [
  ...keyFields.filter((field) => field !== 'grace_period' && field !== 'new_master_key'),
  'password',
  'sso_user_id',
  'organizations',
  'blocked',
];

export const unsupportedTeamFields: ReadonlyArray<string> = [
  'organization_id',
  'model_aliases',
  'guardrails',
  'policies',
  'tags',
  'object_permission',
  'team_member_budget',
  'team_member_key_duration',
  'team_member_permissions',
  'model_rpm_limit',
  'model_tpm_limit',
  'admins',
  'members',
];

function meaningful(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return true;
}

/** Throws a 400 naming the first unsupported field the body sets. */
export function refuseUnsupported(body: Record<string, unknown>, fields: ReadonlyArray<string>): void {
  for (const field of fields) {
    if (meaningful(body[field])) {
      throw new BadRequestError({
        message: `${field}: not supported by Switchyard; remove it from the request (nothing was changed)`,
        param: field,
        code: 'unsupported_field',
      });
    }
  }
}
