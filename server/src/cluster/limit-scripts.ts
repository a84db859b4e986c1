/**
 * The Lua scripts behind the cluster-wide limits (docs/SCALING.md, "Limits across processes").
 * Each runs atomically in Redis, so processes counting at the same moment never both take the
 * last slot. They read keys other than those passed (the liveness keys of other processes),
 * which a single Redis (or a primary with replicas) allows; Redis Cluster does not.
 */

/**
 * Takes one connection slot in every counter hash of `KEYS` (field: process id → open
 * connections), or none. A field whose process has no liveness key any more
 * (`ARGV[2]..<process id>`, which expires when a process stops refreshing it) is dropped
 * first, so a killed process's connections stop counting once its key expires.
 * ARGV: process id, liveness key prefix, counter expiry (ms), then one cap per key.
 * Returns 0 when taken, else the 1-based index of the first counter at its cap.
 */
export const ACQUIRE_SCRIPT = `
local me = ARGV[1]
for i, key in ipairs(KEYS) do
  local total = 0
  local fields = redis.call('HGETALL', key)
  for j = 1, #fields, 2 do
    local owner = fields[j]
    if owner == me or redis.call('EXISTS', ARGV[2] .. owner) == 1 then
      total = total + tonumber(fields[j + 1])
    else
      redis.call('HDEL', key, owner)
    end
  end
  if total >= tonumber(ARGV[3 + i]) then return i end
end
for _, key in ipairs(KEYS) do
  redis.call('HINCRBY', key, me, 1)
  redis.call('PEXPIRE', key, ARGV[3])
end
return 0
`;

/** Gives back one slot of this process (`ARGV[1]`) in every counter hash of `KEYS`. */
export const RELEASE_SCRIPT = `
for _, key in ipairs(KEYS) do
  if redis.call('HINCRBY', key, ARGV[1], -1) <= 0 then redis.call('HDEL', key, ARGV[1]) end
end
return 0
`;

/**
 * A token bucket shared by every process (the generic cell rate algorithm): KEYS[1] holds
 * the theoretical arrival time in ms on Redis's clock. ARGV: ms between two writes at the
 * sustained rate, writes a burst may hold. Returns 1 when the write is allowed, else 0.
 */
export const RATE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local after = tat + interval
if after - now > interval * burst then return 0 end
redis.call('SET', KEYS[1], tostring(after), 'PX', math.ceil(after - now))
return 1
`;
