/**
 * The Lua scripts behind every Redis operation a request makes. Both backends (native protocol
 * and Upstash REST) send these exact sources with EVALSHA, falling back to EVAL, so a conflict
 * check and its write run as one atomic step inside Redis (PRODUCT.md §5.1, §10 defects 1–2), and
 * a request's rate-limit count and config check ride in the same command (issue 7 §6).
 *
 * Every script that can carry a charge takes the rate-limit bucket as KEYS[1] and
 * ARGV[1..3] = now (epoch ms, or '' for no charge), windowMs, max (or '' for no refusal), and
 * replies `{status, count, windowStart, …}` (count 0 when uncharged). Statuses are `ok`,
 * `config-changed`, `over-budget`, `not-found` or a conflict kind; the TypeScript side turns them
 * into the core's error messages, so the §4.2 strings live in one place.
 */

import { CHANGE_LOG_LIMIT } from '../store.js';

// A stored value is `{"user":…,"duration":N}`; anything unreadable is treated as occupying its
// start hour only, so a damaged entry can never be silently overwritten.
const BOOKING_HELPERS = `
local function hour_of(field)
  return tonumber(string.sub(field, 1, 2))
end

local function duration_of(value)
  local ok, decoded = pcall(cjson.decode, value)
  if ok and type(decoded) == 'table' then
    local duration = tonumber(decoded.duration)
    if duration and duration >= 1 then return math.floor(duration) end
  end
  return 1
end

local function spans_of(entries)
  local spans = {}
  for i = 1, #entries, 2 do
    local start = hour_of(entries[i])
    if start then spans[#spans + 1] = { start, start + duration_of(entries[i + 1]) } end
  end
  return spans
end

local function covering(spans, hour, ignore_start)
  for _, span in ipairs(spans) do
    if span[1] ~= ignore_start and span[1] <= hour and hour < span[2] then return span[1] end
  end
  return nil
end

local function first_taken(spans, from, to, ignore_start)
  for hour = from, to - 1 do
    if covering(spans, hour, ignore_start) then return hour end
  end
  return nil
end

-- Returns the new revision and its counter. A fresh epoch starts a fresh log: the log's entry ids
-- are the counters (\`42-0\` for \`k3x9-42\`), which must only grow.
local function bump_revision(key, fresh_epoch, log_key)
  local current = redis.call('GET', key)
  local epoch, counter = nil, nil
  if current then epoch, counter = string.match(current, '^(.+)-(%d+)$') end
  local next_counter = 1
  if epoch then
    next_counter = tonumber(counter) + 1
  else
    epoch = fresh_epoch
    redis.call('DEL', log_key)
  end
  local revision = epoch .. '-' .. string.format('%d', next_counter)
  redis.call('SET', key, revision)
  return revision, next_counter
end

-- Appends one change (field 'b' = booking JSON, '' for a delete; 'k' = 'resync' for a replace)
-- to the bounded log, under the entry id of its counter.
local function log_change(log_key, revision, counter, ...)
  local id = string.format('%d-0', counter)
  local added = redis.pcall('XADD', log_key, 'MAXLEN', '~', '${CHANGE_LOG_LIMIT}', id, 'r', revision, ...)
  if type(added) == 'table' and added.err then
    -- A revision set back by hand: ids would go backwards, so the old log goes.
    redis.call('DEL', log_key)
    redis.call('XADD', log_key, 'MAXLEN', '~', '${CHANGE_LOG_LIMIT}', id, 'r', revision, ...)
  end
end
`;

// The charge: a fixed window in the original's record format `{"count":N,"windowStart":ms}`,
// kept for two windows (§4.7); and the config check against the version the server validated with.
const REQUEST_HELPERS = `
local function count_hit()
  if ARGV[1] == '' then return 0, 0 end
  local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
  local count, window_start = 1, now
  local raw = redis.call('GET', KEYS[1])
  if raw then
    local ok, record = pcall(cjson.decode, raw)
    if ok and type(record) == 'table' then
      local stored_start, stored_count = tonumber(record.windowStart), tonumber(record.count)
      if stored_start and stored_count and stored_start > now - window then
        count, window_start = stored_count + 1, stored_start
      end
    end
  end
  redis.call('SET', KEYS[1], string.format('{"count":%d,"windowStart":%d}', count, window_start), 'PX', window * 2)
  return count, window_start
end

local function over_budget(count)
  return ARGV[3] ~= '' and count > tonumber(ARGV[3])
end

-- The stored config when its SHA-1 is not the expected version ('' = no check), else nil.
local function changed_config(key, expected)
  if expected == '' then return nil end
  local raw = redis.call('GET', key)
  local actual = 'none'
  if raw then actual = redis.sha1hex(raw) end
  if actual == expected then return nil end
  return { raw }
end
`;

/** Appends `date, time, json` triples of the dates in `[from, to]` ('' = all) to `out`. */
const LIST_HELPER = `
local function list_into(out, dates_key, prefix, from, to)
  local dates
  if from == '' then
    dates = redis.call('ZRANGE', dates_key, 0, -1)
  else
    dates = redis.call('ZRANGEBYLEX', dates_key, '[' .. from, '[' .. to)
  end
  for _, date in ipairs(dates) do
    local entries = redis.call('HGETALL', prefix .. date)
    for i = 1, #entries, 2 do
      out[#out + 1] = date
      out[#out + 1] = entries[i]
      out[#out + 1] = entries[i + 1]
    end
  end
end
`;

/** What every mutation script runs first: the helpers, the config check and the charge. */
export const MUTATION_PRELUDE = `${BOOKING_HELPERS}${REQUEST_HELPERS}
local changed = changed_config(KEYS[2], ARGV[4])
if changed then return { 'config-changed', 0, 0, changed[1] or false } end
local count, window_start = count_hit()
if over_budget(count) then return { 'over-budget', count, window_start } end
`;

/**
 * KEYS: bucket, config, day, dates, revision, log.
 * ARGV: charge (3), configVersion, dateKey, timeKey, start, duration, closeHour, bookingJson, epoch.
 */
export const CREATE_BOOKING = `${MUTATION_PRELUDE}
local start, duration, close_hour = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
if start + duration > close_hour then return { 'past-closing', count, window_start } end
local spans = spans_of(redis.call('HGETALL', KEYS[3]))
if covering(spans, start, nil) then return { 'start-taken', count, window_start } end
local taken = first_taken(spans, start + 1, start + duration, nil)
if taken then return { 'hour-taken', count, window_start, taken } end
redis.call('HSET', KEYS[3], ARGV[6], ARGV[10])
redis.call('ZADD', KEYS[4], 0, ARGV[5])
local revision, counter = bump_revision(KEYS[5], ARGV[11], KEYS[6])
log_change(KEYS[6], revision, counter, 'd', ARGV[5], 't', ARGV[6], 'b', ARGV[10])
return { 'ok', count, window_start }
`;

/**
 * KEYS: bucket, config, day, revision, log.
 * ARGV: charge (3), configVersion, timeKey, start, userJson or '', duration or '', closeHour, epoch,
 * dateKey.
 * Only an extension is checked, and only its new hours, against other bookings (§4.3).
 */
export const UPDATE_BOOKING = `${MUTATION_PRELUDE}
local current = redis.call('HGET', KEYS[3], ARGV[5])
if not current then return { 'not-found', count, window_start } end
local start, close_hour = tonumber(ARGV[6]), tonumber(ARGV[9])
local old_duration = duration_of(current)
local new_duration = old_duration
if ARGV[8] ~= '' then
  new_duration = tonumber(ARGV[8])
  if new_duration > old_duration then
    if start + new_duration > close_hour then return { 'past-closing', count, window_start } end
    local spans = spans_of(redis.call('HGETALL', KEYS[3]))
    local taken = first_taken(spans, start + old_duration, start + new_duration, start)
    if taken then return { 'hour-taken', count, window_start, taken } end
  end
end
local user_json = ARGV[7]
if user_json == '' then
  -- A damaged entry (no user) is not a booking the API can show; never merge into it.
  local ok, decoded = pcall(cjson.decode, current)
  if not (ok and type(decoded) == 'table' and type(decoded.user) == 'string') then
    return { 'not-found', count, window_start }
  end
  user_json = cjson.encode(decoded.user)
end
local merged = '{"user":' .. user_json .. ',"duration":' .. string.format('%d', new_duration) .. '}'
redis.call('HSET', KEYS[3], ARGV[5], merged)
local revision, counter = bump_revision(KEYS[4], ARGV[10], KEYS[5])
log_change(KEYS[5], revision, counter, 'd', ARGV[11], 't', ARGV[5], 'b', merged)
return { 'ok', count, window_start, merged }
`;

/**
 * KEYS: bucket, config, day, dates, revision, log. ARGV: charge (3), configVersion, dateKey, timeKey,
 * epoch. Drops the date once it empties (§2.6).
 */
export const DELETE_BOOKING = `${MUTATION_PRELUDE}
if redis.call('HDEL', KEYS[3], ARGV[6]) == 0 then return { 'not-found', count, window_start } end
if redis.call('EXISTS', KEYS[3]) == 0 then redis.call('ZREM', KEYS[4], ARGV[5]) end
local revision, counter = bump_revision(KEYS[5], ARGV[7], KEYS[6])
log_change(KEYS[6], revision, counter, 'd', ARGV[5], 't', ARGV[6], 'b', '')
return { 'ok', count, window_start }
`;

/**
 * KEYS: bucket, revision, dates. ARGV: charge (3), dayPrefix, from or '', to or '', then the
 * revisions the caller already holds. Replies `{ok, count, windowStart, revision, listed, …triples}`
 * from one consistent snapshot; a known revision skips the listing, so an unchanged poll is one
 * command and reads no hash; a range reads only the dates inside it.
 */
export const READ_BOOKINGS = `${REQUEST_HELPERS}${LIST_HELPER}
local count, window_start = count_hit()
local revision = redis.call('GET', KEYS[2]) or ''
for i = 7, #ARGV do
  if ARGV[i] == revision then return { 'ok', count, window_start, revision, 0 } end
end
local out = { 'ok', count, window_start, revision, 1 }
list_into(out, KEYS[3], ARGV[4], ARGV[5], ARGV[6])
return out
`;

/** KEYS: bucket, config. ARGV: charge (3). Replies `{ok, count, windowStart, configText or nil}`. */
export const GET_CONFIG = `${REQUEST_HELPERS}
local count, window_start = count_hit()
return { 'ok', count, window_start, redis.call('GET', KEYS[2]) or false }
`;

/** KEYS: bucket. ARGV: charge (3). A count on its own, for a request that makes no other call. */
export const HIT_RATE_LIMIT = `${REQUEST_HELPERS}
local count, window_start = count_hit()
return { 'ok', count, window_start }
`;

/**
 * KEYS: dates, revision, log. ARGV: dayPrefix, epoch, then `date, time, json` triples. No rule
 * checks; logged as a `resync`, since listeners cannot apply a whole import change by change.
 */
export const REPLACE_BOOKINGS = `${BOOKING_HELPERS}
for _, date in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  redis.call('DEL', ARGV[1] .. date)
end
redis.call('DEL', KEYS[1])
for i = 3, #ARGV, 3 do
  redis.call('HSET', ARGV[1] .. ARGV[i], ARGV[i + 1], ARGV[i + 2])
  redis.call('ZADD', KEYS[1], 0, ARGV[i])
end
local revision, counter = bump_revision(KEYS[2], ARGV[2], KEYS[3])
log_change(KEYS[3], revision, counter, 'k', 'resync')
return { 'ok' }
`;

/**
 * KEYS: legacy blob, migrated marker, backup, dates, revision, log.
 * ARGV: dayPrefix, epoch, sha1 of the blob the plan was made from, marker JSON, then triples.
 * Runs once per instance: the marker makes a second (or concurrent) start a no-op, and the sha1
 * check refuses a plan made from a blob that changed since it was read. Existing slots are never
 * overwritten; their legacy entries stay in the backup and are reported.
 */
export const MIGRATE_LEGACY = `${BOOKING_HELPERS}
if redis.call('EXISTS', KEYS[2]) == 1 then return { 'already' } end
local raw = redis.call('GET', KEYS[1])
if not raw then return { 'none' } end
if redis.sha1hex(raw) ~= ARGV[3] then return { 'changed' } end
local moved = 0
local result = { 'migrated', 0 }
for i = 5, #ARGV, 3 do
  if redis.call('HSETNX', ARGV[1] .. ARGV[i], ARGV[i + 1], ARGV[i + 2]) == 1 then
    redis.call('ZADD', KEYS[4], 0, ARGV[i])
    moved = moved + 1
  else
    result[#result + 1] = ARGV[i] .. ' ' .. ARGV[i + 1]
  end
end
result[2] = moved
redis.call('RENAME', KEYS[1], KEYS[3])
redis.call('SET', KEYS[2], ARGV[4])
local revision, counter = bump_revision(KEYS[5], ARGV[2], KEYS[6])
log_change(KEYS[6], revision, counter, 'k', 'resync')
return result
`;

// Writes `date, time, json` triples from ARGV[first] on without overwriting a slot (HSETNX),
// indexing every date; returns how many were written and the `date time` of those kept out.
const IMPORT_HELPER = `
local function import_triples(dates_key, prefix, first)
  local moved, kept = 0, {}
  for i = first, #ARGV, 3 do
    if redis.call('HSETNX', prefix .. ARGV[i], ARGV[i + 1], ARGV[i + 2]) == 1 then
      moved = moved + 1
    else
      kept[#kept + 1] = ARGV[i] .. ' ' .. ARGV[i + 1]
    end
    redis.call('ZADD', dates_key, 0, ARGV[i])
  end
  return moved, kept
end
`;

/**
 * KEYS: upgraded marker, dates, revision, change log (all in the instance's slot). ARGV: dayPrefix, the old
 * revision or '', epoch, marker JSON, then the old layout's triples. The one atomic step of the
 * layout upgrade (issue 8 §6): the tagged layout appears whole, once; a second (or concurrent)
 * server finds the marker and changes nothing.
 */
export const UPGRADE_LAYOUT = `${BOOKING_HELPERS}${IMPORT_HELPER}
if redis.call('EXISTS', KEYS[1]) == 1 then return { 'already' } end
local moved = import_triples(KEYS[2], ARGV[1], 5)
-- Continue the old revision's sequence: an ETag a client holds from before never matches again.
if redis.call('EXISTS', KEYS[3]) == 0 and string.match(ARGV[2], '^.+-%d+$') then
  redis.call('SET', KEYS[3], ARGV[2])
end
local revision, counter = bump_revision(KEYS[3], ARGV[3], KEYS[4])
log_change(KEYS[4], revision, counter, 'k', 'resync')
redis.call('SET', KEYS[1], ARGV[4])
return { 'upgraded', moved }
`;

/**
 * KEYS: legacy-imported marker, dates, revision, change log (all in the instance's slot). ARGV: dayPrefix,
 * epoch, sha1 of the blob, then triples. The legacy migration's write on a cluster, where the
 * blob lives in another slot: once per instance, never overwriting a slot; replies like
 * MIGRATE_LEGACY.
 */
export const IMPORT_LEGACY = `${BOOKING_HELPERS}${IMPORT_HELPER}
if redis.call('EXISTS', KEYS[1]) == 1 then return { 'already' } end
local moved, kept = import_triples(KEYS[2], ARGV[1], 4)
local revision, counter = bump_revision(KEYS[3], ARGV[2], KEYS[4])
log_change(KEYS[4], revision, counter, 'k', 'resync')
redis.call('SET', KEYS[1], ARGV[3])
local result = { 'migrated', moved }
for _, slot in ipairs(kept) do result[#result + 1] = slot end
return result
`;

/**
 * KEYS: one key, on whatever shard holds it. ARGV: `zrange`, `hgetall`, `del`, or `del-if` with a
 * SHA-1 (deletes a string only while it still has that content). The single-key steps of the
 * migrations, which read and clear keys outside the instance's slot.
 */
export const ONE_KEY = `
local op = ARGV[1]
if op == 'zrange' then return redis.call('ZRANGE', KEYS[1], 0, -1) end
if op == 'hgetall' then return redis.call('HGETALL', KEYS[1]) end
if op == 'del' then return { redis.call('DEL', KEYS[1]) } end
if op == 'del-if' then
  local raw = redis.call('GET', KEYS[1])
  if raw and redis.sha1hex(raw) == ARGV[2] then return { redis.call('DEL', KEYS[1]) } end
  return { 0 }
end
return redis.error_reply('unknown step ' .. op)
`;

/**
 * KEYS: bucket, revision, log. ARGV: charge (3), epoch ('*' = any, with counter 0 for 'empty'),
 * counter of the revision the caller holds ('' for none). Replies `{ok, count, windowStart, revision, held, …quads}`: `held` 1 with the
 * `revision, date, time, bookingJson ('' = deleted)` of every later change, in order, when the
 * log holds all of them; 0 when it does not (trimmed, another epoch, a replace among them).
 */
export const CHANGES_SINCE = `${REQUEST_HELPERS}
local count, window_start = count_hit()
local current = redis.call('GET', KEYS[2])
if not current then return { 'ok', count, window_start, '', ARGV[4] == '*' and 1 or 0 } end
local epoch, counter = string.match(current, '^(.+)-(%d+)$')
local from = tonumber(ARGV[5])
if (epoch ~= ARGV[4] and ARGV[4] ~= '*') or not from or from > tonumber(counter) then return { 'ok', count, window_start, current, 0 } end
if from == tonumber(counter) then return { 'ok', count, window_start, current, 1 } end
local first = redis.call('XRANGE', KEYS[3], '-', '+', 'COUNT', 1)
if #first == 0 or tonumber(string.match(first[1][1], '^(%d+)')) > from + 1 then
  return { 'ok', count, window_start, current, 0 }
end
local out = { 'ok', count, window_start, current, 1 }
for _, entry in ipairs(redis.call('XRANGE', KEYS[3], string.format('%d-0', from + 1), '+')) do
  local fields = {}
  for i = 1, #entry[2], 2 do fields[entry[2][i]] = entry[2][i + 1] end
  if fields.k == 'resync' or not fields.d then return { 'ok', count, window_start, current, 0 } end
  out[#out + 1] = fields.r
  out[#out + 1] = fields.d
  out[#out + 1] = fields.t
  out[#out + 1] = fields.b
end
return out
`;
