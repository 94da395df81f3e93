import type { KeyContext, Team, User, VirtualKey } from '@switchyard/store';
import { describe, expect, it } from 'vitest';
import { masterPrincipal, type VirtualKeyPrincipal } from '../governance/principal.js';
import { accessGroupsFromDeployments } from './access-groups.js';
import { modelAccess, modelListAllows } from './model-access.js';

const time = new Date('2026-03-01T00:00:00Z');
const budget = {
  spend: 0,
  max_budget: null,
  budget_duration: null,
  budget_reset_at: null,
  rpm_limit: null,
  tpm_limit: null,
  max_parallel_requests: null,
};

function key(models: string[], team_id: string | null = null): VirtualKey {
  return {
    ...budget,
    token: 'a'.repeat(64),
    key_name: null,
    key_alias: null,
    models,
    expires: null,
    user_id: 'u',
    team_id,
    metadata: {},
    tags: [],
    allowed_routes: [],
    blocked: false,
    rotation_count: 0,
    last_rotation_at: null,
    created_at: time,
    updated_at: time,
    created_by: null,
    updated_by: null,
  };
}

function user(models: string[]): User {
  const base = { created_at: time, updated_at: time, created_by: null, updated_by: null };
  return {
    ...budget,
    ...base,
    user_id: 'u',
    user_alias: null,
    user_email: null,
    user_role: 'internal_user',
    models,
    teams: [],
    metadata: {},
  };
}

function team(models: string[]): Team {
  const base = { created_at: time, updated_at: time, created_by: null, updated_by: null };
  return {
    ...budget,
    ...base,
    team_id: 't',
    team_alias: null,
    models,
    members_with_roles: [],
    metadata: {},
    blocked: false,
  };
}

function principal(context: KeyContext): VirtualKeyPrincipal {
  return { kind: 'virtual', token: context.key.token, context, role: 'internal_user' };
}

const groups = accessGroupsFromDeployments([
  { modelName: 'gpt-4o', modelInfo: { access_groups: ['beta', 'paid'] } },
  { modelName: 'gpt-4o-mini', modelInfo: { access_groups: ['beta'] } },
  { modelName: 'gpt-4o', modelInfo: { access_groups: ['beta'] } },
  { modelName: 'local', modelInfo: { access_groups: 'not-a-list' } },
  { modelName: 'claude', modelInfo: { access_groups: ['', 3] } },
]);

describe('accessGroupsFromDeployments', () => {
  it('maps each group to its model names, once each', () => {
    expect([...groups]).toEqual([
      ['beta', ['gpt-4o', 'gpt-4o-mini']],
      ['paid', ['gpt-4o']],
    ]);
  });
});

describe('modelListAllows', () => {
  it.each([
    [[], 'anything', true],
    [['gpt-4o'], 'gpt-4o', true],
    [['gpt-4o'], 'gpt-4o-mini', false],
    [['openai/*'], 'openai/gpt-4o', true],
    [['openai/*'], 'anthropic/claude', false],
    [['beta'], 'gpt-4o-mini', true],
    [['paid'], 'gpt-4o-mini', false],
    [['all-proxy-models'], 'whatever', true],
  ] as const)('%j allows %s: %s', (list, model, allowed) => {
    expect(modelListAllows(list, model, groups)).toBe(allowed);
  });
});

describe('modelAccess', () => {
  it('lets the master key call everything', () => {
    expect(modelAccess(masterPrincipal, 'anything')).toEqual({ allowed: true });
  });

  it('intersects key, user and team lists; an empty list restricts nothing', () => {
    const context = {
      key: key(['gpt-4o', 'local'], 't'),
      user: user(['beta', 'local']),
      team: team(['gpt-4o']),
    };
    expect(modelAccess(principal(context), 'gpt-4o', groups)).toEqual({ allowed: true });
    expect(modelAccess(principal(context), 'gpt-4o-mini', groups)).toEqual({
      allowed: false,
      level: 'key',
      allowedModels: ['gpt-4o', 'local'],
    });
    expect(modelAccess(principal(context), 'local', groups)).toEqual({
      allowed: false,
      level: 'team',
      allowedModels: ['gpt-4o'],
    });
    const open = { key: key([]), user: user(['local']), team: null };
    expect(modelAccess(principal(open), 'gpt-4o', groups)).toMatchObject({ allowed: false, level: 'user' });
    expect(modelAccess(principal({ key: key([]), user: null, team: null }), 'gpt-4o')).toEqual({
      allowed: true,
    });
  });

  it('follows litellm’s special names', () => {
    const teamModels = { key: key(['all-team-models'], 't'), user: null, team: team(['local']) };
    expect(modelAccess(principal(teamModels), 'local')).toEqual({ allowed: true });
    expect(modelAccess(principal(teamModels), 'gpt-4o')).toMatchObject({ allowed: false, level: 'team' });
    const teamOnly = user(['no-default-models']);
    expect(modelAccess(principal({ key: key([]), user: teamOnly, team: null }), 'local')).toMatchObject({
      allowed: false,
      level: 'user',
    });
    expect(
      modelAccess(principal({ key: key([], 't'), user: teamOnly, team: team(['local']) }), 'local'),
    ).toEqual({
      allowed: true,
    });
    const everything = { key: key(['all-proxy-models']), user: user([]), team: null };
    expect(modelAccess(principal(everything), 'gpt-4o')).toEqual({ allowed: true });
  });
});
