import { describe, expect, it } from 'vitest';
import { routeAllowed, routeMatches } from './route-groups.js';

describe('routeMatches', () => {
  it.each([
    ['/key/info', '/key/info', true],
    ['/key/info', '/key/list', false],
    ['/key/*', '/key/list', true],
    ['/key/*', '/keys', false],
    ['/key/{key}/regenerate', '/key/sk-abc/regenerate', true],
    ['/key/{key}/regenerate', '/key//regenerate', false],
    ['/key/{key}/regenerate', '/key/a/b/regenerate', false],
  ] as const)('%s matches %s: %s', (template, path, expected) => {
    expect(routeMatches(template, path)).toBe(expected);
  });
});

describe('routeAllowed', () => {
  it('allows everything with an empty list (the roles decide)', () => {
    expect(routeAllowed([], '/user/new')).toBe(true);
  });

  it('takes paths, patterns and litellm’s group names', () => {
    expect(routeAllowed(['/key/info'], '/key/info')).toBe(true);
    expect(routeAllowed(['/key/info'], '/key/list')).toBe(false);
    expect(routeAllowed(['info_routes'], '/team/info')).toBe(true);
    expect(routeAllowed(['info_routes'], '/key/generate')).toBe(false);
    expect(routeAllowed(['management_routes'], '/key/sk-x/regenerate')).toBe(true);
    expect(routeAllowed(['llm_api_routes'], '/v1/chat/completions')).toBe(true);
    expect(routeAllowed(['llm_api_routes'], '/v1/responses/resp_1')).toBe(true);
    expect(routeAllowed(['llm_api_routes'], '/key/info')).toBe(false);
    expect(
      routeAllowed(['spend_tracking_routes', 'global_spend_tracking_routes'], '/global/spend/report'),
    ).toBe(true);
  });
});
