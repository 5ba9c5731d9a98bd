/**
 * The Lua scripts of instance creation and removal (issue 10 §2), beside the booking scripts of
 * ./lua-scripts.ts. Each replies with a table, as `run` expects.
 */

/** KEYS: config. ARGV: config text. Stores it only if absent; replies `{1}` when stored, `{0}` when it existed. */
export const CREATE_INSTANCE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then return { 1 } end
return { 0 }
`;

/**
 * Single Redis and REST: everything of one instance in one step. KEYS: config first, the tagged
 * dates index third and the untagged (pre-issue 8) one eleventh, then every other key of it.
 * ARGV: tagged and untagged day prefixes. Replies `{1}` when a config was stored, else `{0}`.
 */
export const REMOVE_INSTANCE = `
local existed = redis.call('EXISTS', KEYS[1])
for _, date in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do redis.call('DEL', ARGV[1] .. date) end
for _, date in ipairs(redis.call('ZRANGE', KEYS[11], 0, -1)) do redis.call('DEL', ARGV[2] .. date) end
redis.call('DEL', unpack(KEYS))
return { existed }
`;

/**
 * Cluster, first step of a removal, inside the instance's slot. KEYS: removing marker, config
 * copy, dates, then the slot's other keys. ARGV: day prefix. Marks the removal (so the copy is
 * not written again), then deletes the copy, every day hash and the other keys.
 */
export const REMOVE_INSTANCE_SLOT = `
redis.call('SET', KEYS[1], '1')
for _, date in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do redis.call('DEL', ARGV[1] .. date) end
redis.call('DEL', unpack(KEYS, 2))
return { 1 }
`;

/**
 * Cluster: writes the config copy unless the instance is being removed. KEYS: copy, removing
 * marker. ARGV: text, and 'create' to end a removal left unfinished (the new instance starts
 * clean: the removal already wiped the slot). Replies `{1}` when written, `{0}` when refused.
 */
export const WRITE_CONFIG_COPY = `
if ARGV[2] == 'create' then redis.call('DEL', KEYS[2])
elseif redis.call('EXISTS', KEYS[2]) == 1 then return { 0 } end
redis.call('SET', KEYS[1], ARGV[1])
return { 1 }
`;
