import type { Redis } from 'ioredis';

// Lua scripts of the shared limiter. Each runs atomically on the server, so no other replica's
// request can slip in between checking a limit and counting against it. Times come from the
// caller (ARGV), not from Redis's TIME: the scripts only write what they were given.

// The reserve script's layout: keys per entity, the request's own arguments, arguments per entity.
const reserveKeysPerEntity = 5;
const reserveRequestArgs = 7;
const reserveArgsPerEntity = 6;

// Shared by the scripts: numbers go back to the client as strings (Lua numbers returned as
// integers would lose their fractions), and a live spend counter never falls below the store's.
const helpers = `
local function fmt(value) return string.format('%.17g', value) end
local function limitOf(value) if value == '' then return nil end return tonumber(value) end
local function liveSpend(key, seedText, expireAt)
  local seed = tonumber(seedText)
  local live = tonumber(redis.call('GET', key))
  if not live or live < seed then
    redis.call('SET', key, seedText)
    live = seed
  end
  redis.call('PEXPIREAT', key, expireAt)
  return live
end
`;

/**
 * KEYS, per entity: requests counter of the minute, tokens counter of the minute, in-flight sorted
 * set (request id scored by lease expiry), estimates hash (request id → "tokens:cost"), spend
 * counter of the budget period.
 * ARGV: now ms, lease expiry ms, request id, the estimate as "tokens:cost", estimated cost, minute
 * counter ttl ms, in-flight ttl ms; then per entity: rpm, tpm, parallel and
 * budget limits ('' = none), the store's spend (seed), expiry of the spend counter (ms).
 *
 * Reads every entity's usage (dropping expired in-flight entries and seeding spend counters on the
 * way), refuses on the first limit that fails (budgets first, then rpm, tpm, parallel per entity:
 * the rules of `findDenial`) and otherwise counts the request against every entity.
 * Returns { 1 | 0, refused kind or '', refused entity (1-based) or 0, then per entity its usage
 * before this request: requests, tokens, in-flight, in-flight tokens, in-flight cost, spend }.
 */
const reserve = `${helpers}
local estimatedCost = tonumber(ARGV[5])
local count = #KEYS / ${reserveKeysPerEntity}
local entities = {}
local usages = {}

for i = 1, count do
  local k = (i - 1) * ${reserveKeysPerEntity}
  local a = ${reserveRequestArgs} + (i - 1) * ${reserveArgsPerEntity}
  local e = {
    rpm = limitOf(ARGV[a + 1]), tpm = limitOf(ARGV[a + 2]),
    parallel = limitOf(ARGV[a + 3]), budget = limitOf(ARGV[a + 4]),
  }
  e.tracks = e.tpm ~= nil or e.parallel ~= nil or e.budget ~= nil
  local u = { requests = 0, tokens = 0, inFlight = 0, inFlightTokens = 0, inFlightCost = 0, spend = 0 }
  if e.rpm then u.requests = tonumber(redis.call('GET', KEYS[k + 1])) or 0 end
  if e.tpm then u.tokens = tonumber(redis.call('GET', KEYS[k + 2])) or 0 end
  if e.tracks then
    local expired = redis.call('ZRANGEBYSCORE', KEYS[k + 3], '-inf', ARGV[1])
    if #expired > 0 then
      for j = 1, #expired, 1000 do
        redis.call('HDEL', KEYS[k + 4], unpack(expired, j, math.min(j + 999, #expired)))
      end
      redis.call('ZREMRANGEBYSCORE', KEYS[k + 3], '-inf', ARGV[1])
    end
    u.inFlight = redis.call('ZCARD', KEYS[k + 3])
    for _, estimate in ipairs(redis.call('HVALS', KEYS[k + 4])) do
      local separator = string.find(estimate, ':', 1, true)
      if separator then
        u.inFlightTokens = u.inFlightTokens + (tonumber(string.sub(estimate, 1, separator - 1)) or 0)
        u.inFlightCost = u.inFlightCost + (tonumber(string.sub(estimate, separator + 1)) or 0)
      end
    end
  end
  if e.budget then u.spend = liveSpend(KEYS[k + 5], ARGV[a + 5], ARGV[a + 6]) end
  entities[i] = e
  usages[i] = u
end

local function answer(ok, kind, index)
  local reply = { ok, kind, index }
  for i = 1, count do
    local u = usages[i]
    for _, value in ipairs({ u.requests, u.tokens, u.inFlight, u.inFlightTokens, u.inFlightCost, u.spend }) do
      reply[#reply + 1] = fmt(value)
    end
  end
  return reply
end

for i = 1, count do
  local budget, u = entities[i].budget, usages[i]
  if budget then
    local tolerance = math.max(1e-9, math.abs(budget) * 1e-12)
    if u.spend + u.inFlightCost >= budget - tolerance then
      return answer(0, 'budget', i)
    end
  end
end
for i = 1, count do
  local e, u = entities[i], usages[i]
  if e.rpm and u.requests >= e.rpm then return answer(0, 'rpm', i) end
  if e.tpm and u.tokens + u.inFlightTokens >= e.tpm then return answer(0, 'tpm', i) end
  if e.parallel and u.inFlight >= e.parallel then return answer(0, 'parallel', i) end
end

local inFlightTtl = tonumber(ARGV[7])
for i = 1, count do
  local k = (i - 1) * ${reserveKeysPerEntity}
  local e = entities[i]
  if e.rpm then
    redis.call('INCR', KEYS[k + 1])
    redis.call('PEXPIRE', KEYS[k + 1], ARGV[6])
  end
  if e.tracks then
    redis.call('ZADD', KEYS[k + 3], ARGV[2], ARGV[3])
    redis.call('HSET', KEYS[k + 4], ARGV[3], ARGV[4])
    -- Never shortens the life of a set whose entries hold longer leases (another replica's).
    for _, key in ipairs({ KEYS[k + 3], KEYS[k + 4] }) do
      if redis.call('PTTL', key) < inFlightTtl then redis.call('PEXPIRE', key, inFlightTtl) end
    end
  end
end
return answer(1, '', 0)
`;

/**
 * KEYS, per entity: tokens counter of the current minute, spend counter of the budget period.
 * ARGV: tokens, cost, minute counter ttl ms; then per entity: counts tokens (1/0), counts spend
 * (1/0), the store's spend (seed), expiry of the spend counter (ms).
 */
const settle = `${helpers}
local tokens = tonumber(ARGV[1])
for i = 1, #KEYS / 2 do
  local a = 3 + (i - 1) * 4
  if ARGV[a + 1] == '1' and tokens > 0 then
    redis.call('INCRBY', KEYS[2 * i - 1], tokens)
    redis.call('PEXPIRE', KEYS[2 * i - 1], ARGV[3])
  end
  if ARGV[a + 2] == '1' then
    liveSpend(KEYS[2 * i], ARGV[a + 3], ARGV[a + 4])
    if tonumber(ARGV[2]) > 0 then redis.call('INCRBYFLOAT', KEYS[2 * i], ARGV[2]) end
  end
end
return 1
`;

/** KEYS: pairs of in-flight sorted set and estimates hash. ARGV: request id. Frees its entries. */
const end = `
for i = 1, #KEYS, 2 do
  redis.call('ZREM', KEYS[i], ARGV[1])
  redis.call('HDEL', KEYS[i + 1], ARGV[1])
end
return 1
`;

/** The scripts as ioredis commands (EVALSHA, reloaded with EVAL when the server lacks them). */
export interface LimiterScriptCommands {
  /** Takes the number of keys first (it varies with the entities), then keys, then arguments. */
  switchyardLimiterReserve(
    numberOfKeys: number,
    ...keysAndArgs: Array<string | number>
  ): Promise<Array<string | number>>;
  switchyardLimiterSettle(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
  switchyardLimiterEnd(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
}

/**
 * Registers the limiter's scripts on a client with `defineCommand` (idempotent: every limiter
 * sharing the client defines the same names) and returns it typed with them.
 */
export function defineLimiterScripts(redis: Redis): Redis & LimiterScriptCommands {
  redis.defineCommand('switchyardLimiterReserve', { lua: reserve });
  redis.defineCommand('switchyardLimiterSettle', { lua: settle });
  redis.defineCommand('switchyardLimiterEnd', { lua: end });
  return redis as Redis & LimiterScriptCommands;
}
