/**
 * litellm's named route groups, usable in a key's `allowed_routes` next to plain paths and
 * `prefix*` patterns (e.g. `["info_routes", "/spend/logs", "/key/*"]`). Only routes Switchyard
 * serves are listed.
 */

const keyManagementRoutes = [
  '/key/generate',
  '/key/update',
  '/key/delete',
  '/key/info',
  '/key/list',
  '/key/regenerate',
  '/key/{key}/regenerate',
  '/key/block',
  '/key/unblock',
];

const infoRoutes = ['/key/info', '/key/list', '/team/info', '/team/list', '/user/info'];

const managementRoutes = [
  '/user/new',
  '/user/update',
  '/user/delete',
  '/user/info',
  '/user/list',
  '/team/new',
  '/team/update',
  '/team/delete',
  '/team/list',
  '/team/info',
  '/team/block',
  '/team/unblock',
  '/team/member_add',
  '/team/member_delete',
  ...keyManagementRoutes,
];

const spendTrackingRoutes = ['/spend/logs'];
const globalSpendTrackingRoutes = ['/global/spend', '/global/spend/report'];

const openaiRoutes = [
  '/chat/completions',
  '/v1/chat/completions',
  '/completions',
  '/v1/completions',
  '/embeddings',
  '/v1/embeddings',
  '/images/generations',
  '/v1/images/generations',
  '/audio/transcriptions',
  '/v1/audio/transcriptions',
  '/audio/speech',
  '/v1/audio/speech',
  '/moderations',
  '/v1/moderations',
  '/models',
  '/v1/models',
  '/rerank',
  '/v1/rerank',
  '/v2/rerank',
  '/responses',
  '/v1/responses',
  '/responses/*',
  '/v1/responses/*',
];

const anthropicRoutes = ['/v1/messages', '/v1/messages/count_tokens'];

/** Group name → the route templates it stands for (`{key}` matches one path segment, `*` a suffix). */
export const routeGroups: ReadonlyMap<string, ReadonlyArray<string>> = new Map([
  ['key_management_routes', keyManagementRoutes],
  ['info_routes', infoRoutes],
  ['management_routes', managementRoutes],
  ['spend_tracking_routes', spendTrackingRoutes],
  ['global_spend_tracking_routes', globalSpendTrackingRoutes],
  ['openai_routes', openaiRoutes],
  ['anthropic_routes', anthropicRoutes],
  ['llm_api_routes', [...openaiRoutes, ...anthropicRoutes]],
]);

/**
 * True when `path` matches `template`: equal, or equal up to a trailing `*`, or equal with each
 * `{name}` standing for one non-empty path segment. Plain string work: nothing is compiled.
 */
export function routeMatches(template: string, path: string): boolean {
  if (template === path) return true;
  if (template.endsWith('*')) return path.startsWith(template.slice(0, -1));
  if (!template.includes('{')) return false;
  const expected = template.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return false;
  return expected.every((part, index) => {
    const segment = actual[index] ?? '';
    return part.startsWith('{') && part.endsWith('}') ? segment !== '' : part === segment;
  });
}

/**
 * Whether a key with these `allowed_routes` may call `path`. An empty list allows every route the
 * key's role allows (the roles decide); otherwise some entry (a path, a `prefix*` pattern, or a
 * group name from `routeGroups`) must match.
 */
export function routeAllowed(allowedRoutes: ReadonlyArray<string>, path: string): boolean {
  if (allowedRoutes.length === 0) return true;
  for (const entry of allowedRoutes) {
    const group = routeGroups.get(entry);
    if (group ? group.some((template) => routeMatches(template, path)) : routeMatches(entry, path)) {
      return true;
    }
  }
  return false;
}
