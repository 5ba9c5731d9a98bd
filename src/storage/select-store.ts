/**
 * The one place that maps configuration to a store (STYLE.md 3). Nothing else reads storage
 * variables: their schema lives here and src/server/settings.ts merges it into the one settings
 * schema, so a bad environment is reported in one list. Precedence (issue 3 §1): Upstash REST
 * (`KV_REST_API_*`, else `UPSTASH_REDIS_REST_*`), then native Redis (`KV_REDIS_URL`, else
 * `REDIS_URL`), then SQLite in `DATA_DIR`.
 */
import { join } from 'node:path';
// zod/mini: the same checks as zod, a fraction of its size and start-up memory in the server.
import * as z from 'zod/mini';
import type { Store } from './store.js';

export type StoreConfig =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'redis';
      url: string;
      connectTimeoutMs: number;
      commandTimeoutMs: number;
      /** A Redis Cluster seeded by `url`; undefined: ask the server at start-up. */
      cluster?: boolean;
    }
  | { kind: 'upstash'; url: string; token: string; timeoutMs: number };

type Env = Record<string, string | undefined>;

const DEFAULT_CONNECT_TIMEOUT_MS = 1000;
const DEFAULT_COMMAND_TIMEOUT_MS = 700;

const MS_RANGE = 'must be a whole number of milliseconds from 1 to 60000';
const milliseconds = (fallback: number) =>
  z._default(
    z.pipe(
      z.string().check(z.regex(/^\d+$/, MS_RANGE)),
      z.pipe(z.transform(Number), z.number().check(z.minimum(1, MS_RANGE), z.maximum(60_000, MS_RANGE))),
    ),
    fallback,
  );

const url = (protocols: readonly string[]) =>
  z.string().check(
    z.refine(
      (value) => {
        if (!URL.canParse(value)) return false;
        const parsed = new URL(value);
        return protocols.includes(parsed.protocol) && parsed.hostname !== '';
      },
      { message: `must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL with a host` },
    ),
  );

const ON_OFF = 'must be 1, 0, true or false';
/** `1`/`true` or `0`/`false`; unset stays undefined ("decide at start-up"). */
const onOff = z.optional(
  z.pipe(
    z.string().check(z.regex(/^(1|0|true|false)$/, ON_OFF)),
    z.transform((value: string) => value === '1' || value === 'true'),
  ),
);

/**
 * The storage variables, each checked alone; `checkStoragePairs` adds the checks across them.
 * Values arrive trimmed, with empty ones removed (empty means unset).
 */
export const storageVariables = {
  KV_REST_API_URL: z.optional(url(['https:', 'http:'])),
  KV_REST_API_TOKEN: z.optional(z.string()),
  UPSTASH_REDIS_REST_URL: z.optional(url(['https:', 'http:'])),
  UPSTASH_REDIS_REST_TOKEN: z.optional(z.string()),
  KV_REDIS_URL: z.optional(url(['redis:', 'rediss:'])),
  REDIS_URL: z.optional(url(['redis:', 'rediss:'])),
  REDIS_CONNECT_TIMEOUT_MS: milliseconds(DEFAULT_CONNECT_TIMEOUT_MS),
  REDIS_COMMAND_TIMEOUT_MS: milliseconds(DEFAULT_COMMAND_TIMEOUT_MS),
  /** Native Redis is a Redis Cluster (issue 8 §6); unset: detected from `INFO cluster` at start-up. */
  REDIS_CLUSTER: onOff,
  DATA_DIR: z._default(z.string(), './data'),
};

const REST_PAIRS = [
  ['KV_REST_API_URL', 'KV_REST_API_TOKEN'],
  ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'],
] as const;

const storageObject = z.object(storageVariables);
type StorageVariables = z.output<typeof storageObject>;

/** Reports each REST pair with one half set as a problem of the missing variable. */
function checkStoragePairs(vars: Partial<StorageVariables>, report: (name: string, message: string) => void): void {
  for (const [urlName, tokenName] of REST_PAIRS) {
    const [urlSet, tokenSet] = [vars[urlName] !== undefined, vars[tokenName] !== undefined];
    if (urlSet && !tokenSet) report(tokenName, `missing (${urlName} is set)`);
    if (tokenSet && !urlSet) report(urlName, `missing (${tokenName} is set)`);
  }
}

/** `checkStoragePairs` as a check of an object schema; it runs even when other fields failed. */
export const storagePairsCheck = z.superRefine<Partial<StorageVariables>>(
  (vars, ctx) =>
    checkStoragePairs(vars, (name, message) => ctx.addIssue({ code: 'custom', path: [name], message, input: vars })),
  { when: () => true },
);

/** Picks the backend from valid storage variables, by the precedence above. */
export function storeConfigFromVariables(vars: StorageVariables): StoreConfig {
  for (const [urlName, tokenName] of REST_PAIRS) {
    const [restUrl, token] = [vars[urlName], vars[tokenName]];
    if (restUrl && token) return { kind: 'upstash', url: restUrl, token, timeoutMs: vars.REDIS_COMMAND_TIMEOUT_MS };
  }
  const redisUrl = vars.KV_REDIS_URL ?? vars.REDIS_URL;
  if (redisUrl) {
    return {
      kind: 'redis',
      url: redisUrl,
      connectTimeoutMs: vars.REDIS_CONNECT_TIMEOUT_MS,
      commandTimeoutMs: vars.REDIS_COMMAND_TIMEOUT_MS,
      ...(vars.REDIS_CLUSTER === undefined ? {} : { cluster: vars.REDIS_CLUSTER }),
    };
  }
  return { kind: 'sqlite', file: join(vars.DATA_DIR, 'hourbook.db') };
}

/** An environment with values trimmed and empty ones dropped: empty means unset. */
export function withoutEmpty(env: Env, keepEmpty: readonly string[] = []): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (trimmed !== '' || keepEmpty.includes(name)) kept[name] = trimmed;
  }
  return kept;
}

/** `NAME: problem` for each issue, e.g. `REDIS_URL: must be a redis:// or rediss:// URL with a host`. */
export function describeIssues(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const storageSchema = z.pipe(storageObject.check(storagePairsCheck), z.transform(storeConfigFromVariables));

/**
 * Which backend the environment selects, for tools that need only the store (the server's
 * settings include it); throws one line naming every bad variable. Timeouts:
 * `REDIS_CONNECT_TIMEOUT_MS` (default 1000), `REDIS_COMMAND_TIMEOUT_MS` (default 700, also the
 * REST call timeout).
 */
export function storeConfigFromEnv(env: Env): StoreConfig {
  const result = storageSchema.safeParse(withoutEmpty(env));
  if (!result.success) throw new Error(describeIssues(result.error).join('; '));
  return result.data;
}

/**
 * Opens the store a config names. Backends load lazily, so a deployment never loads a driver it
 * does not use (the Vercel functions never load SQLite's native module).
 */
export async function createStore(config: StoreConfig): Promise<Store> {
  switch (config.kind) {
    case 'upstash': {
      const { createUpstashStore } = await import('./upstash/upstash.store.js');
      return createUpstashStore(config);
    }
    case 'redis': {
      const { createRedisStore } = await import('./redis/redis.store.js');
      return createRedisStore(config);
    }
    case 'sqlite': {
      const { createSqliteStore } = await import('./sqlite/sqlite.store.js');
      return createSqliteStore({ file: config.file });
    }
  }
}
