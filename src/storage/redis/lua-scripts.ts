/**
 * The Lua scripts behind every Redis mutation. Both backends (native protocol and Upstash REST)
 * send these exact sources with EVALSHA, falling back to EVAL, so a conflict check and its write
 * run as one atomic step inside Redis (PRODUCT.md §5.1, §10 defects 1–2).
 *
 * Statuses come back as `{'ok', …}` or `{'<conflict kind>', hour?}`; the TypeScript side turns
 * them into the core's error messages, so the §4.2 strings live in one place.
 */

// Shared helpers. A stored value is `{"user":…,"duration":N}`; anything unreadable is treated
// as occupying its start hour only, so a damaged entry can never be silently overwritten.
const HELPERS = `
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

local function bump_revision(key, fresh_epoch)
  local current = redis.call('GET', key)
  local epoch, counter = nil, nil
  if current then epoch, counter = string.match(current, '^(.+)-(%d+)$') end
  if epoch then
    redis.call('SET', key, epoch .. '-' .. string.format('%d', tonumber(counter) + 1))
  else
    redis.call('SET', key, fresh_epoch .. '-1')
  end
end
`;

/** KEYS: day, dates, revision. ARGV: dateKey, timeKey, start, duration, closeHour, bookingJson, epoch. */
export const CREATE_BOOKING = `${HELPERS}
local start, duration, close_hour = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
if start + duration > close_hour then return { 'past-closing' } end
local spans = spans_of(redis.call('HGETALL', KEYS[1]))
if covering(spans, start, nil) then return { 'start-taken' } end
local taken = first_taken(spans, start + 1, start + duration, nil)
if taken then return { 'hour-taken', taken } end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[6])
redis.call('ZADD', KEYS[2], 0, ARGV[1])
bump_revision(KEYS[3], ARGV[7])
return { 'ok' }
`;

/**
 * KEYS: day, revision. ARGV: timeKey, start, userJson or '', duration or '', closeHour, epoch.
 * Only an extension is checked, and only its new hours, against other bookings (§4.3).
 */
export const UPDATE_BOOKING = `${HELPERS}
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return { 'not-found' } end
local start, close_hour = tonumber(ARGV[2]), tonumber(ARGV[5])
local old_duration = duration_of(current)
local new_duration = old_duration
if ARGV[4] ~= '' then
  new_duration = tonumber(ARGV[4])
  if new_duration > old_duration then
    if start + new_duration > close_hour then return { 'past-closing' } end
    local spans = spans_of(redis.call('HGETALL', KEYS[1]))
    local taken = first_taken(spans, start + old_duration, start + new_duration, start)
    if taken then return { 'hour-taken', taken } end
  end
end
local user_json = ARGV[3]
if user_json == '' then
  -- A damaged entry (no user) is not a booking the API can show; never merge into it.
  local ok, decoded = pcall(cjson.decode, current)
  if not (ok and type(decoded) == 'table' and type(decoded.user) == 'string') then return { 'not-found' } end
  user_json = cjson.encode(decoded.user)
end
local merged = '{"user":' .. user_json .. ',"duration":' .. string.format('%d', new_duration) .. '}'
redis.call('HSET', KEYS[1], ARGV[1], merged)
bump_revision(KEYS[2], ARGV[6])
return { 'ok', merged }
`;

/** KEYS: day, dates, revision. ARGV: dateKey, timeKey, epoch. Drops the date once it empties (§2.6). */
export const DELETE_BOOKING = `${HELPERS}
if redis.call('HDEL', KEYS[1], ARGV[2]) == 0 then return { 'not-found' } end
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('ZREM', KEYS[2], ARGV[1]) end
bump_revision(KEYS[3], ARGV[3])
return { 'ok' }
`;

/**
 * KEYS: dates. ARGV: dayPrefix, from or '', to or ''. Returns flat `date, time, json` triples
 * from one consistent snapshot; a range reads only the dates inside it.
 */
export const LIST_BOOKINGS = `
local dates
if ARGV[2] == '' then
  dates = redis.call('ZRANGE', KEYS[1], 0, -1)
else
  dates = redis.call('ZRANGEBYLEX', KEYS[1], '[' .. ARGV[2], '[' .. ARGV[3])
end
local out = {}
for _, date in ipairs(dates) do
  local entries = redis.call('HGETALL', ARGV[1] .. date)
  for i = 1, #entries, 2 do
    out[#out + 1] = date
    out[#out + 1] = entries[i]
    out[#out + 1] = entries[i + 1]
  end
end
return out
`;

/** KEYS: dates, revision. ARGV: dayPrefix, epoch, then `date, time, json` triples. No rule checks. */
export const REPLACE_BOOKINGS = `${HELPERS}
for _, date in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  redis.call('DEL', ARGV[1] .. date)
end
redis.call('DEL', KEYS[1])
for i = 3, #ARGV, 3 do
  redis.call('HSET', ARGV[1] .. ARGV[i], ARGV[i + 1], ARGV[i + 2])
  redis.call('ZADD', KEYS[1], 0, ARGV[i])
end
bump_revision(KEYS[2], ARGV[2])
return { 'ok' }
`;

/**
 * KEYS: legacy blob, migrated marker, backup, dates, revision.
 * ARGV: dayPrefix, epoch, sha1 of the blob the plan was made from, marker JSON, then triples.
 * Runs once per instance: the marker makes a second (or concurrent) start a no-op, and the sha1
 * check refuses a plan made from a blob that changed since it was read. Existing slots are never
 * overwritten; their legacy entries stay in the backup and are reported.
 */
export const MIGRATE_LEGACY = `${HELPERS}
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
bump_revision(KEYS[5], ARGV[2])
return result
`;

/** The fixed-window hit shared by the two rate-limit scripts; leaves `count`, `window_start`. */
const RATE_LIMIT_HIT = `
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
`;

/**
 * KEYS: bucket. ARGV: now (epoch ms), windowMs. A fixed window in the original's record format
 * `{"count":N,"windowStart":ms}`, kept for two windows (§4.7). Returns `{count, windowStart}`.
 */
export const HIT_RATE_LIMIT = `${RATE_LIMIT_HIT}
return { count, window_start }
`;

/**
 * KEYS: bucket, revision. ARGV: now, windowMs. A poll's rate-limit hit and revision read in one
 * command, so an unchanged poll costs one billed command in total (issue 3 §3).
 */
export const HIT_RATE_LIMIT_AND_READ_REVISION = `${RATE_LIMIT_HIT}
return { count, window_start, redis.call('GET', KEYS[2]) or '' }
`;
