/**
 * Every setting of a running Hourbook, parsed once at start-up by one schema (STYLE.md 9): the
 * server's own variables merged with the storage variables of src/storage/select-store.ts. A bad
 * environment fails with the list of every problem. README's table is the reference for names,
 * defaults and meanings; `.env.example` repeats it.
 */
// zod/mini, like src/storage/select-store.ts: full zod would cost the server megabytes at start-up.
import * as z from 'zod/mini';
import { SLUG_PATTERN, SLUG_RULE } from '../core/config.js';
import { DEFAULT_SLUG } from '../core/rules.js';
import {
  describeIssues,
  storagePairsCheck,
  storageVariables,
  storeConfigFromVariables,
  withoutEmpty,
} from '../storage/select-store.js';
import type { StoreConfig } from '../storage/select-store.js';

/** Dev origins allowed when `ALLOWED_ORIGINS` is unset: Vite's and the server's own. */
export const DEFAULT_ALLOWED_ORIGINS = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:3000',
  'http://127.0.0.1:3000',
];

/** Proxy hops in front of the server (client-address.ts); `true`/`false` from older setups mean 1/0. */
const proxyHops = z.pipe(
  z
    .string()
    .check(
      z.regex(/^(\d{1,2}|true|false)$/, 'must be the number of proxies you run (0 = none, 1 = one), or true/false'),
    ),
  z.transform((value: string) => (value === 'true' ? 1 : value === 'false' ? 0 : Number(value))),
);

/** The site's own origin: writes must come from it (or ALLOWED_ORIGINS), other hosts get 421. */
const publicOrigin = z.pipe(
  z.string().check(z.refine(isPlainOrigin, 'must be an http(s) origin with no path, e.g. https://rooms.example.com')),
  z.transform((value: string) => new URL(value).origin),
);

function isPlainOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search && !url.hash && !url.username;
  } catch {
    return false;
  }
}
const positiveSeconds = (fallback: number) => z._default(z.coerce.number().check(z.positive()), fallback);
const positiveInt = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.positive()), fallback);

/** The server's variables; add a new setting here (and to README's table and `.env.example`). */
const serverVariables = {
  PORT: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65535)), 3000),
  HOST: z._default(z.string().check(z.minLength(1)), '0.0.0.0'),
  INSTANCE_SLUG: z._default(z.string().check(z.regex(SLUG_PATTERN, SLUG_RULE)), DEFAULT_SLUG),
  ALLOWED_ORIGINS: z.pipe(
    z.optional(z.string()),
    z.transform((value: string | undefined) =>
      value === undefined
        ? DEFAULT_ALLOWED_ORIGINS
        : value
            .split(',')
            .map((entry) => entry.trim().replace(/\/$/, ''))
            .filter(Boolean),
    ),
  ),
  RATE_LIMIT_MAX: positiveInt(60),
  RATE_LIMIT_READ_MAX: positiveInt(600),
  RATE_LIMIT_WINDOW_S: positiveInt(60),
  RATE_LIMIT_ON_STORE_ERROR: z._default(z.enum(['open', 'closed', 'local']), 'local'),
  TRUST_PROXY: z._default(proxyHops, 0),
  PUBLIC_URL: z.optional(publicOrigin),
  /** `off` turns the change stream off: `/api/events` answers 404 and clients poll. */
  LIVE_UPDATES: z._default(z.enum(['on', 'off']), 'on'),
  /** Open change streams per client address; one more answers 429. */
  EVENTS_MAX_PER_CLIENT: positiveInt(20),
  /** Seconds between heartbeat comments on an idle stream (proxies drop silent connections). */
  EVENTS_HEARTBEAT_S: positiveSeconds(25),
  /** Seconds after which a stream ends with `bye` (0 = never); unset: 0 on Node, 280 on Vercel. */
  EVENTS_MAX_S: z.optional(z.coerce.number().check(z.minimum(0))),
  /** Turns the admin API on (`Authorization: Bearer <ADMIN_TOKEN>`); unset, `/api/admin/…` is 404. */
  ADMIN_TOKEN: z.optional(
    z
      .string()
      .check(
        z.minLength(16, 'must be at least 16 characters (e.g. `openssl rand -hex 32`)'),
        z.regex(/^\S+$/, 'must not contain spaces'),
      ),
  ),
  /** Set by Vercel's runtime; there the store must be KV/Redis (the disk is read-only). */
  VERCEL: z.pipe(
    z.optional(z.string()),
    z.transform((value: string | undefined) => Boolean(value)),
  ),
};

const settingsSchema = z.pipe(
  z.object({ ...serverVariables, ...storageVariables }).check(storagePairsCheck),
  z.transform((vars) => {
    // Storage variables stop here: past this point only the store they select is known (STYLE.md 3).
    const server = Object.fromEntries(
      Object.keys(serverVariables).map((name) => [name, vars[name as keyof typeof vars]]),
    );
    return { ...(server as unknown as ServerSettings), store: storeConfigFromVariables(vars) };
  }),
);

/** Every variable the schema reads, e.g. for checking that `.env.example` lists them all. */
export const SETTING_NAMES: readonly string[] = [...Object.keys(serverVariables), ...Object.keys(storageVariables)];

type ServerSettings = z.output<z.ZodMiniObject<typeof serverVariables>>;

/** Parsed settings: the server's variables by name, plus the store they select. */
export type Settings = ServerSettings & { store: StoreConfig };

/** Thrown when the environment is unusable; `problems` holds one `NAME: reason` per bad variable. */
export class InvalidSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'InvalidSettingsError';
  }
}

/** Parses every setting; throws `InvalidSettingsError` listing every bad variable. */
export function readSettings(env: Record<string, string | undefined>): Settings {
  // An empty variable means "unset", except ALLOWED_ORIGINS, where empty means same-origin only.
  const result = settingsSchema.safeParse(withoutEmpty(env, ['ALLOWED_ORIGINS']));
  if (result.success) return result.data;
  throw new InvalidSettingsError(describeIssues(result.error));
}
