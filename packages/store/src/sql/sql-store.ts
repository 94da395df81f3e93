import type { Store, StoreBackend } from '../store.js';
import { resetExpiredBudgets } from './budget-reset.js';
import * as keys from './key-queries.js';
import * as spend from './spend-queries.js';
import type { SqlContext } from './sql-context.js';
import * as teams from './team-queries.js';
import * as users from './user-queries.js';

/**
 * The `Store` over a SQL database: one implementation for SQLite and PostgreSQL, so both behave
 * the same; the few dialect differences live in `SqlContext` and the statements that need them.
 */
export function createSqlStore(ctx: SqlContext): Store {
  const { db } = ctx;
  const backend: StoreBackend = db.dialect;
  return {
    backend,

    createKey: (key) => keys.createKey(ctx, key),
    getKey: (token) => keys.getKey(db, token),
    async getKeyContext(token) {
      const key = await keys.getKey(db, token);
      if (!key) return null;
      const [user, team] = await Promise.all([
        key.user_id === null ? null : users.getUser(ctx, db, key.user_id),
        key.team_id === null ? null : teams.getTeam(ctx, db, key.team_id),
      ]);
      return { key, user, team };
    },
    listKeys: (filter = {}) => keys.listKeys(ctx, filter),
    updateKey: (token, update) => keys.updateKey(ctx, token, update),
    regenerateKey: (token, replacement) => keys.regenerateKey(ctx, token, replacement),
    setKeyBlocked: (token, blocked, by) => keys.updateKey(ctx, token, { blocked, updated_by: by ?? null }),
    deleteKeys: (tokens, options = {}) => keys.deleteKeys(ctx, tokens, options),

    createUser: (user) => users.createUser(ctx, user),
    getUser: (userId) => users.getUser(ctx, db, userId),
    listUsers: (filter = {}) => users.listUsers(ctx, filter),
    updateUser: (userId, update) => users.updateUser(ctx, userId, update),
    deleteUsers: (userIds, options = {}) => users.deleteUsers(ctx, userIds, options),

    createTeam: (team) => teams.createTeam(ctx, team),
    getTeam: (teamId) => teams.getTeam(ctx, db, teamId),
    listTeams: (filter = {}) => teams.listTeams(ctx, filter),
    updateTeam: (teamId, update) => teams.updateTeam(ctx, teamId, update),
    setTeamBlocked: (teamId, blocked, by) =>
      teams.updateTeam(ctx, teamId, { blocked, updated_by: by ?? null }),
    addTeamMembers: (teamId, members) => teams.addTeamMembers(ctx, teamId, members),
    removeTeamMembers: (teamId, userIds) => teams.removeTeamMembers(ctx, teamId, userIds),
    deleteTeams: (teamIds, options = {}) => teams.deleteTeams(ctx, teamIds, options),

    recordSpendBatch: (logs) => spend.recordSpendBatch(ctx, logs),
    listSpendLogs: (filter = {}) => spend.listSpendLogs(ctx, filter),
    globalSpend: (filter = {}) => spend.globalSpend(ctx, filter),
    spendReport: (query) => spend.spendReport(ctx, query),

    resetExpiredBudgets: (now) => resetExpiredBudgets(ctx, now ?? ctx.now()),

    async ping() {
      await db.query('SELECT 1 AS ok');
    },
    close: () => db.close(),
  };
}
