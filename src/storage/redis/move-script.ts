/**
 * The Lua script that moves a booking (issue 9 §9), apart from lua-scripts.ts only for size: the
 * check at the new slot and the write are one atomic step inside Redis, like every mutation. It
 * repeats `findMoveConflict` (src/core/bookings.ts); test/redis/lua-rules.property.test.ts holds
 * the two together.
 */
import { MUTATION_PRELUDE } from './lua-scripts.js';

/**
 * KEYS: bucket, config, source day, target day, dates, revision, log (all in the instance's slot).
 * ARGV: charge (3), configVersion, fromDate, fromTime, fromStart, toDate, toTime, toStart,
 * userJson or '', duration or '', closeHour, epoch.
 * Replies `{ok, count, windowStart, mergedJson}`, `not-found` (also for a damaged entry, whose
 * content a move would lose) or a conflict kind. Logged as two changes in order: the old slot
 * deleted, then the new one booked, each under its own revision.
 */
export const MOVE_BOOKING = `${MUTATION_PRELUDE}
local current = redis.call('HGET', KEYS[3], ARGV[6])
if not current then return { 'not-found', count, window_start } end
local ok, decoded = pcall(cjson.decode, current)
local readable = ok and type(decoded) == 'table' and type(decoded.user) == 'string'
  and string.find(decoded.user, '%S') ~= nil and type(decoded.duration) == 'number'
  and decoded.duration == math.floor(decoded.duration) and decoded.duration >= 1 and decoded.duration <= 24
if not readable then return { 'not-found', count, window_start } end
local duration = decoded.duration
if ARGV[12] ~= '' then duration = tonumber(ARGV[12]) end
local start, close_hour = tonumber(ARGV[10]), tonumber(ARGV[13])
if start + duration > close_hour then return { 'past-closing', count, window_start } end
-- The booking's own hours never block it on the date it leaves.
local own_start = nil
if ARGV[8] == ARGV[5] then own_start = tonumber(ARGV[7]) end
local spans = spans_of(redis.call('HGETALL', KEYS[4]))
local taken = first_taken(spans, start, start + duration, own_start)
if taken then return { 'hour-taken', count, window_start, taken } end
local user_json = ARGV[11]
if user_json == '' then user_json = cjson.encode(decoded.user) end
local merged = '{"user":' .. user_json .. ',"duration":' .. string.format('%d', duration) .. '}'
redis.call('HDEL', KEYS[3], ARGV[6])
if redis.call('EXISTS', KEYS[3]) == 0 then redis.call('ZREM', KEYS[5], ARGV[5]) end
redis.call('HSET', KEYS[4], ARGV[9], merged)
redis.call('ZADD', KEYS[5], 0, ARGV[8])
local revision, counter = bump_revision(KEYS[6], ARGV[14], KEYS[7])
log_change(KEYS[7], revision, counter, 'd', ARGV[5], 't', ARGV[6], 'b', '')
revision, counter = bump_revision(KEYS[6], ARGV[14], KEYS[7])
log_change(KEYS[7], revision, counter, 'd', ARGV[8], 't', ARGV[9], 'b', merged)
return { 'ok', count, window_start, merged }
`;
