import type { Redis } from 'ioredis';

// Lua scripts of the shared router state. Each one is atomic on the server, so replicas never
// interleave between reading and writing a counter. Scripts that read TIME write afterwards, which
// needs effects replication: the default since Redis 5, switched on explicitly for older servers.
const redisTime = `
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local nowMs = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
`;

/**
 * KEYS: failures counter of the current minute, cooldown flag.
 * ARGV: allowed fails, cooldown ms, counter ttl ms. Returns 1 when this call started the cooldown.
 */
const recordFailure = `
local fails = redis.call('INCR', KEYS[1])
if fails == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
local cooldownMs = tonumber(ARGV[2])
if fails > tonumber(ARGV[1]) and cooldownMs > 0 then
  if redis.call('SET', KEYS[2], ARGV[2], 'PX', cooldownMs, 'NX') then return 1 end
end
return 0
`;

/** KEYS: cooldown flag. ARGV: cooldown ms. Never shortens a longer cooldown already running. */
const coolDown = `
local cooldownMs = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < cooldownMs then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', cooldownMs)
  return 1
end
return 0
`;

/**
 * KEYS: in-flight hash of a deployment. ARGV: instance id, its count, lease ms.
 * Sets this instance's field to "count:leaseExpiryMs" (server time), or removes it at zero.
 */
const setInFlight = `${redisTime}
local count = tonumber(ARGV[2])
local leaseMs = tonumber(ARGV[3])
if count > 0 then
  redis.call('HSET', KEYS[1], ARGV[1], string.format('%d:%d', count, nowMs + leaseMs))
  if redis.call('PTTL', KEYS[1]) < leaseMs then redis.call('PEXPIRE', KEYS[1], leaseMs) end
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return 1
`;

/**
 * KEYS: in-flight hashes. Returns, per key, the sum of the counts whose lease has not expired,
 * and removes the expired fields (instances that stopped without cleaning up).
 */
const readInFlight = `${redisTime}
local totals = {}
for i, key in ipairs(KEYS) do
  local total = 0
  local fields = redis.call('HGETALL', key)
  for j = 1, #fields, 2 do
    local value = fields[j + 1]
    local separator = string.find(value, ':', 1, true)
    local count = separator and tonumber(string.sub(value, 1, separator - 1))
    local expiry = separator and tonumber(string.sub(value, separator + 1))
    if count and expiry and expiry > nowMs then
      total = total + count
    else
      redis.call('HDEL', key, fields[j])
    end
  end
  totals[i] = total
end
return totals
`;

/** KEYS: requests and tokens counters of the current minute. ARGV: requests, tokens, ttl ms. */
const addUsage = `
for i = 1, 2 do
  redis.call('INCRBY', KEYS[i], ARGV[i])
  if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
end
return 1
`;

/**
 * KEYS: latency and ttft averages. ARGV: latency sample or '', ttft sample or '', weight of the
 * new sample, ttl ms. Exponentially weighted moving averages.
 */
const recordLatency = `
local alpha = tonumber(ARGV[3])
for i = 1, 2 do
  local sample = tonumber(ARGV[i])
  if sample then
    local previous = tonumber(redis.call('GET', KEYS[i]))
    local average = sample
    if previous then average = previous + alpha * (sample - previous) end
    redis.call('SET', KEYS[i], string.format('%.3f', average), 'PX', ARGV[4])
  end
end
return 1
`;

/** The scripts as ioredis commands (EVALSHA, falling back to EVAL when the server lacks them). */
export interface RouterScriptCommands {
  switchyardRouterRecordFailure(
    failuresKey: string,
    cooldownKey: string,
    allowedFails: number,
    cooldownMs: number,
    counterTtlMs: number,
  ): Promise<number>;
  switchyardRouterCoolDown(cooldownKey: string, cooldownMs: number): Promise<number>;
  switchyardRouterSetInFlight(
    inFlightKey: string,
    instanceId: string,
    count: number,
    leaseMs: number,
  ): Promise<number>;
  /** Takes the number of keys first (it varies with the group size), then the keys. */
  switchyardRouterReadInFlight(numberOfKeys: number, ...keys: string[]): Promise<number[]>;
  switchyardRouterAddUsage(
    requestsKey: string,
    tokensKey: string,
    requests: number,
    tokens: number,
    counterTtlMs: number,
  ): Promise<number>;
  switchyardRouterRecordLatency(
    latencyKey: string,
    ttftKey: string,
    latencyMs: number | '',
    ttftMs: number | '',
    weight: number,
    ttlMs: number,
  ): Promise<number>;
}

/**
 * Registers the router's scripts on a client with `defineCommand` (idempotent: the names are the
 * same for every router state sharing the client) and returns it typed with them.
 */
export function defineRouterScripts(redis: Redis): Redis & RouterScriptCommands {
  redis.defineCommand('switchyardRouterRecordFailure', { numberOfKeys: 2, lua: recordFailure });
  redis.defineCommand('switchyardRouterCoolDown', { numberOfKeys: 1, lua: coolDown });
  redis.defineCommand('switchyardRouterSetInFlight', { numberOfKeys: 1, lua: setInFlight });
  redis.defineCommand('switchyardRouterReadInFlight', { lua: readInFlight });
  redis.defineCommand('switchyardRouterAddUsage', { numberOfKeys: 2, lua: addUsage });
  redis.defineCommand('switchyardRouterRecordLatency', { numberOfKeys: 2, lua: recordLatency });
  return redis as Redis & RouterScriptCommands;
}
