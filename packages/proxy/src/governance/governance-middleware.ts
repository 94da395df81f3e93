import { randomUUID } from 'node:crypto';
import {
  BadRequestError,
  type CallInfo,
  isRecord,
  PermissionDeniedError,
  RateLimitError,
  type ResolvedDeployment,
  type Switchyard,
} from '@switchyard/core';
import type { KeyContext, NewSpendLog } from '@switchyard/store';
import type { Context, MiddlewareHandler } from 'hono';
import { requestText } from '../http/node-request.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { Logger } from '../logger.js';
import type { ModelAccess } from '../management/model-access.js';
import { authorizeRoute } from '../management/policy/index.js';
import type { AuthVariables } from '../middleware/auth/index.js';
import type { LimitDenial, LimitedEntity, Limiter, RateLimitSnapshot, Reservation } from './limiter.js';
import type { Principal, VirtualKeyPrincipal } from './principal.js';
import { estimateRequest } from './request-estimate.js';
import type { SpendLogWriter } from './spend-log-writer.js';

/** The model routes governed, with litellm's `call_type` for their spend logs. */
const callTypes: ReadonlyMap<string, string> = new Map([
  ['/v1/chat/completions', 'acompletion'],
  ['/chat/completions', 'acompletion'],
  ['/v1/completions', 'atext_completion'],
  ['/completions', 'atext_completion'],
  ['/v1/embeddings', 'aembedding'],
  ['/embeddings', 'aembedding'],
  ['/v1/moderations', 'amoderation'],
  ['/moderations', 'amoderation'],
  ['/v1/images/generations', 'aimage_generation'],
  ['/images/generations', 'aimage_generation'],
  ['/v1/rerank', 'arerank'],
  ['/v2/rerank', 'arerank'],
  ['/rerank', 'arerank'],
  ['/v1/audio/speech', 'aspeech'],
  ['/audio/speech', 'aspeech'],
  ['/v1/audio/transcriptions', 'atranscription'],
  ['/audio/transcriptions', 'atranscription'],
  ['/v1/responses', 'aresponses'],
  ['/responses', 'aresponses'],
  ['/v1/messages', 'anthropic_messages'],
]);

/** The model routes, for `allowed_routes` checks and for mounting the middleware. */
export const governedPaths: ReadonlyArray<string> = [...callTypes.keys()];

export interface GovernanceOptions {
  gateway: Switchyard;
  limiter: Limiter;
  spendLogs: SpendLogWriter;
  logger: Logger;
  now?: () => number;
  /** Whether a virtual key may call a model (key, user and team model lists, access groups). */
  modelAccess?: (principal: VirtualKeyPrincipal, model: string) => ModelAccess;
}

export interface GovernanceVariables {
  /** The request's `onCall`: writes the spend log of each call and settles the reservation. */
  callObserver: (info: CallInfo) => void;
}

type Env = { Variables: AuthVariables & GovernanceVariables };

/**
 * Enforcement on the model routes, after auth: a virtual key's routes and models are checked, its
 * key's, user's and team's rate limits and budgets are reserved atomically for the request's upper
 * bound (see `estimateRequest`), the real usage is settled after each call, and every call (master
 * key's too) is written to the spend logs, off the request path.
 */
export function governance(options: GovernanceOptions): MiddlewareHandler<Env> {
  const { gateway, limiter, spendLogs, logger } = options;
  const now = options.now ?? Date.now;
  const unpriced = new Set<string>();

  return async function governanceMiddleware(c, next) {
    const callType = c.req.method === 'POST' ? callTypes.get(c.req.path) : undefined;
    if (callType === undefined) return next();
    const principal = c.get('auth');
    const { model, body, bytes } = await readModel(c);
    const requestId = randomUUID();
    let reservation: Reservation | undefined;
    if (principal.kind === 'virtual') {
      authorizeRoute(principal, c.req.path);
      const access = model === undefined ? undefined : options.modelAccess?.(principal, model);
      if (access && !access.allowed) {
        const listed = access.allowedModels.join(', ') || 'none';
        throw new PermissionDeniedError({
          message: `This key may not call model '${model}': its ${access.level}'s models are ${listed}.`,
          param: 'model',
          code: 'model_not_allowed',
        });
      }
      const entities = entitiesOf(principal.context);
      if (entities.length > 0) {
        const estimate = estimateRequest(
          body,
          bytes,
          model === undefined ? undefined : resolve(gateway, model),
        );
        const result = await limiter.reserve({
          requestId,
          entities,
          estimatedTokens: estimate.tokens,
          estimatedCost: estimate.cost,
          now: now(),
        });
        for (const [name, value] of rateLimitHeaders(result.snapshot)) c.header(name, value);
        if (!result.ok) throw denialError(result.denial, principal);
        reservation = result.reservation;
      }
    }

    const tags = requestTags(body);
    let calls = 0;
    let ended = false;
    let endAtNextCall = false;
    const end = () => {
      if (ended || !reservation) return;
      ended = true;
      reservation.end().catch((error: unknown) => {
        logger.warn('limits: could not release a reservation', { error: String(error) });
      });
    };
    c.set('callObserver', (info) => {
      calls += 1;
      const log = spendLogOf(
        info,
        principal,
        calls === 1 ? requestId : `${requestId}:${calls}`,
        callType,
        tags,
      );
      spendLogs.add(log);
      if (info.usage && info.cost === undefined && !info.cacheHit) warnUnpriced(info);
      if (reservation) {
        reservation
          .settle({ tokens: log.total_tokens ?? 0, cost: log.spend ?? 0 })
          .catch((error: unknown) => logger.warn('limits: could not settle usage', { error: String(error) }));
        if (endAtNextCall) end();
      }
    });

    try {
      await next();
    } finally {
      // A streamed body is still flowing: the reservation holds until its call reports the end.
      if (c.error || !isStreamed(c.res) || calls > 0) end();
      else endAtNextCall = true;
    }
  };

  function warnUnpriced(info: CallInfo): void {
    const name = `${info.provider}/${info.model}`;
    if (unpriced.has(name)) return;
    unpriced.add(name);
    logger.warn('spend: no price for this model; its calls are logged with cost_unknown, not as $0', {
      model: name,
      reason: info.costUnknownReason,
    });
  }
}

function resolve(gateway: Switchyard, model: string): ResolvedDeployment | undefined {
  try {
    return gateway.resolve(model);
  } catch {
    return undefined; // the route answers the unknown model with its own 404
  }
}

/** The request's model and parsed body (cached for the route), and its size. */
async function readModel(
  c: Context,
): Promise<{ model: string | undefined; body: Record<string, unknown> | undefined; bytes: number }> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('multipart/form-data')) {
    // Same options as the audio route: Hono caches the parsed form for it.
    const form = await c.req.parseBody({ all: true });
    const model = form.model;
    const bytes = Number(c.req.header('content-length') ?? 0);
    return { model: typeof model === 'string' ? model : undefined, body: undefined, bytes };
  }
  const body = await readJsonBody(c);
  const model = body.model;
  return {
    model: typeof model === 'string' && model !== '' ? model : undefined,
    body,
    bytes: (await requestText(c)).length,
  };
}

/** The key, its user and its team: each limit and budget that is set applies. */
function entitiesOf(context: KeyContext): LimitedEntity[] {
  const out: LimitedEntity[] = [];
  const add = (scope: LimitedEntity['scope'], id: string, record: BudgetRecord) => {
    if (
      record.max_budget === null &&
      record.rpm_limit === null &&
      record.tpm_limit === null &&
      record.max_parallel_requests === null
    ) {
      return;
    }
    out.push({
      scope,
      id,
      rpmLimit: record.rpm_limit,
      tpmLimit: record.tpm_limit,
      maxParallelRequests: record.max_parallel_requests,
      maxBudget: record.max_budget,
      spend: record.spend,
      budgetResetAt: record.budget_reset_at?.getTime() ?? null,
    });
  };
  add('key', context.key.token, context.key);
  if (context.user) add('user', context.user.user_id, context.user);
  if (context.team) add('team', context.team.team_id, context.team);
  return out;
}

type BudgetRecord = Pick<
  KeyContext['key'],
  'max_budget' | 'rpm_limit' | 'tpm_limit' | 'max_parallel_requests' | 'spend' | 'budget_reset_at'
>;

function nameOf(entity: LimitedEntity, principal: VirtualKeyPrincipal): string {
  if (entity.scope !== 'key') return `${entity.scope} '${entity.id}'`;
  const { key } = principal.context;
  return `key '${key.key_alias ?? key.key_name ?? `${entity.id.slice(0, 8)}…`}'`;
}

function denialError(denial: LimitDenial, principal: VirtualKeyPrincipal): Error {
  const who = nameOf(denial.entity, principal);
  if (denial.kind === 'budget') {
    return new BadRequestError({
      message: `Budget exceeded for ${who}: spend $${round(denial.spend ?? 0)} of max_budget $${round(denial.limit)}.`,
      type: 'budget_exceeded',
      code: 'budget_exceeded',
    });
  }
  const what =
    denial.kind === 'rpm'
      ? `${denial.limit} requests per minute (rpm_limit)`
      : denial.kind === 'tpm'
        ? `${denial.limit} tokens per minute (tpm_limit)`
        : `${denial.limit} requests at once (max_parallel_requests)`;
  const retryAfterSeconds = denial.retryAfterSeconds ?? 1;
  return new RateLimitError({
    message: `Rate limit reached for ${who}: ${what}. Retry after ${retryAfterSeconds} s.`,
    retryAfterMs: retryAfterSeconds * 1_000,
  });
}

function round(usd: number): string {
  return usd.toFixed(6).replace(/\.?0+$/, '');
}

function rateLimitHeaders(snapshot: RateLimitSnapshot): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (snapshot.limitRequests !== undefined) {
    out.push(['x-ratelimit-limit-requests', String(snapshot.limitRequests)]);
    out.push(['x-ratelimit-remaining-requests', String(Math.max(0, snapshot.remainingRequests ?? 0))]);
    out.push(['x-ratelimit-reset-requests', `${snapshot.resetSeconds}s`]);
  }
  if (snapshot.limitTokens !== undefined) {
    out.push(['x-ratelimit-limit-tokens', String(snapshot.limitTokens)]);
    out.push(['x-ratelimit-remaining-tokens', String(Math.max(0, snapshot.remainingTokens ?? 0))]);
    out.push(['x-ratelimit-reset-tokens', `${snapshot.resetSeconds}s`]);
  }
  return out;
}

function requestTags(body: Record<string, unknown> | undefined): string[] {
  const tags = body?.tags ?? (isRecord(body?.metadata) ? body.metadata.tags : undefined);
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

function isStreamed(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return type.includes('text/event-stream') || type.startsWith('audio/') || type.includes('octet-stream');
}

function spendLogOf(
  info: CallInfo,
  principal: Principal,
  requestId: string,
  callType: string,
  tags: string[],
): NewSpendLog {
  const usage = info.usage;
  const details = usage as
    | {
        prompt_tokens_details?: { cached_tokens?: number };
        completion_tokens_details?: { reasoning_tokens?: number };
        cache_creation_input_tokens?: number;
      }
    | undefined;
  const key = principal.kind === 'virtual' ? principal.context : undefined;
  return {
    request_id: requestId,
    call_type: callType,
    api_key: principal.kind === 'virtual' ? principal.token : '',
    user: key?.key.user_id ?? null,
    team_id: key?.key.team_id ?? null,
    model: info.model,
    model_group: info.requestedModel,
    model_id: info.deployment.id ?? null,
    custom_llm_provider: info.provider,
    prompt_tokens: usage?.prompt_tokens ?? 0,
    completion_tokens: usage?.completion_tokens ?? 0,
    total_tokens: usage?.total_tokens ?? (usage ? usage.prompt_tokens + usage.completion_tokens : 0),
    cache_read_input_tokens: details?.prompt_tokens_details?.cached_tokens ?? 0,
    cache_creation_input_tokens: details?.cache_creation_input_tokens ?? 0,
    reasoning_tokens: details?.completion_tokens_details?.reasoning_tokens ?? 0,
    spend: info.cost ?? 0,
    cost_unknown: usage !== undefined && info.cost === undefined && info.cacheHit !== true,
    startTime: new Date(info.startedAt),
    endTime: new Date(info.startedAt + info.durationMs),
    status: info.outcome === 'success' ? 'success' : 'failure',
    cache_hit: info.cacheHit === true,
    request_tags: tags,
    metadata: info.error === undefined ? {} : { error: errorSummary(info.error) },
  };
}

function errorSummary(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`.slice(0, 500)
    : String(error).slice(0, 500);
}
