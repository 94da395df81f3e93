import { BadRequestError } from '@switchyard/core';
import { type SpendTotalsFilter, toKeyHash } from '@switchyard/store';
import type { Hono } from 'hono';
import type { Principal } from '../governance/principal.js';
import type { ProxyEnv } from '../proxy-env.js';
import { type ManagementServices, principalOf, readQuery } from './management-services.js';
import { actorOf, authorize } from './policy/index.js';
import {
  globalSpendQuerySchema,
  spendLogsQuerySchema,
  spendReportQuerySchema,
} from './schemas/spend-schemas.js';
import { daysBetween, reportDimensions, spendReportBody, summarizedSpend } from './spend-report.js';

/** What spend a request may see: the filters it asked for, narrowed to the caller's scope. */
interface SpendScope {
  userId: string | null;
  teamId: string | null;
  apiKey: string | null;
}

const dayMs = 86_400_000;
const maxDays = 3660;
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * A caller who may not read all spend reads its own (as litellm's internal users), unless it asks
 * for a team it administers or a key it may read; the policy checks what it asks for.
 */
async function spendScope(
  services: ManagementServices,
  principal: Principal,
  requested: { apiKey?: string | undefined; userId?: string | undefined; teamId?: string | undefined },
): Promise<SpendScope> {
  const apiKey = requested.apiKey ? toKeyHash(requested.apiKey) : null;
  const teamId = requested.teamId ?? null;
  const actor = actorOf(principal);
  if (actor.readsAll) return { userId: requested.userId ?? null, teamId, apiKey };
  const key = apiKey ? await services.store.getKey(apiKey) : null;
  const team = teamId ? await services.store.getTeam(teamId) : null;
  const keyTeam = key?.team_id ? await services.store.getTeam(key.team_id) : null;
  const userId = requested.userId ?? (teamId === null && key === null ? actor.userId : null);
  authorize(principal, 'spend:read', { userId, teamId, team, key, keyTeam });
  return { userId, teamId, apiKey };
}

function totalsFilter(scope: SpendScope): SpendTotalsFilter {
  return {
    ...(scope.userId !== null ? { user_id: scope.userId } : {}),
    ...(scope.teamId !== null ? { team_id: scope.teamId } : {}),
    ...(scope.apiKey !== null ? { api_key: scope.apiKey } : {}),
  };
}

function checkRange(start: string, end: string): void {
  const span = (Date.parse(end) - Date.parse(start)) / dayMs;
  if (span < 0) {
    throw new BadRequestError({ message: 'end_date: before start_date', param: 'end_date' });
  }
  if (span >= maxDays) {
    throw new BadRequestError({
      message: `end_date: at most ${maxDays} days after start_date`,
      param: 'end_date',
    });
  }
}

/** The start of a range: a day starts at its UTC midnight. */
function rangeStart(text: string): Date {
  return new Date(dateOnly.test(text) ? `${text}T00:00:00.000Z` : text);
}

/** The (exclusive) end of a range: a day is included whole. */
function rangeEnd(text: string): Date {
  return dateOnly.test(text) ? new Date(Date.parse(`${text}T00:00:00.000Z`) + dayMs) : new Date(text);
}

/** GET /spend/logs, /global/spend and /global/spend/report. */
export function spendRoutes(app: Hono<ProxyEnv>, services: ManagementServices): void {
  const { store } = services;

  app.get('/spend/logs', async (c) => {
    const query = readQuery(c, spendLogsQuerySchema);
    const scope = await spendScope(services, principalOf(c), {
      apiKey: query.api_key,
      userId: query.user_id,
      teamId: query.team_id,
    });
    if (query.summarize && query.start_date !== undefined && query.end_date !== undefined) {
      const start = dayOf(rangeStart(query.start_date).getTime());
      const end = dayOf(rangeEnd(query.end_date).getTime() - 1);
      checkRange(start, end);
      const rows = await store.spendReport({
        ...totalsFilter(scope),
        ...(query.model !== undefined ? { model: query.model } : {}),
        start_date: start,
        end_date: end,
        group_by: ['date', 'api_key', 'user_id', 'model'],
      });
      return c.json(summarizedSpend(rows, daysBetween(start, end)));
    }
    const page = await store.listSpendLogs({
      ...(scope.apiKey !== null ? { api_key: scope.apiKey } : {}),
      ...(scope.userId !== null ? { user: scope.userId } : {}),
      ...(scope.teamId !== null ? { team_id: scope.teamId } : {}),
      ...(query.model !== undefined ? { model: query.model } : {}),
      ...(query.request_id !== undefined ? { request_id: query.request_id } : {}),
      ...(query.start_date !== undefined ? { start_time: rangeStart(query.start_date) } : {}),
      ...(query.end_date !== undefined ? { end_time: rangeEnd(query.end_date) } : {}),
      limit: query.limit,
      cursor: query.cursor ?? null,
    });
    if (page.next_cursor) c.header('x-next-cursor', page.next_cursor);
    return c.json(page.items);
  });

  app.get('/global/spend', async (c) => {
    const query = readQuery(c, globalSpendQuerySchema);
    const scope = await spendScope(services, principalOf(c), {});
    // litellm's /global/spend sums its last-30-days view; both ends can be moved.
    const end = query.end_date ?? dayOf(services.now());
    const start = query.start_date ?? dayOf(Date.parse(`${end}T00:00:00.000Z`) - 29 * dayMs);
    checkRange(start, end);
    const totals = await store.globalSpend({ ...totalsFilter(scope), start_date: start, end_date: end });
    return c.json({ ...totals, max_budget: null, start_date: start, end_date: end });
  });

  app.get('/global/spend/report', async (c) => {
    const query = readQuery(c, spendReportQuerySchema);
    checkRange(query.start_date, query.end_date);
    const scope = await spendScope(services, principalOf(c), {
      apiKey: query.api_key,
      userId: query.internal_user_id,
      teamId: query.team_id,
    });
    const rows = await store.spendReport({
      ...totalsFilter(scope),
      start_date: query.start_date,
      end_date: query.end_date,
      group_by: reportDimensions[query.group_by],
    });
    const teams = new Map<string, string | null>();
    const keys = new Map<string, string | null>();
    if (query.group_by === 'team') {
      for (const id of new Set(rows.map((row) => row.team_id).filter((id): id is string => Boolean(id)))) {
        teams.set(id, (await store.getTeam(id))?.team_alias ?? null);
      }
    }
    if (query.group_by === 'api_key' || query.group_by === 'key') {
      for (const token of new Set(rows.map((row) => row.api_key).filter((id): id is string => Boolean(id)))) {
        keys.set(token, (await store.getKey(token))?.key_alias ?? null);
      }
    }
    return c.json(spendReportBody(query.group_by, rows, { teams, keys }));
  });
}
