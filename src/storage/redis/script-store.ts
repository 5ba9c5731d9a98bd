/**
 * The store both Redis backends share. Everything goes through a tiny transport (EVALSHA, EVAL,
 * GET, SET, PING), so the native client and the Upstash REST client differ only in how they
 * carry a command, never in what a command does (STYLE.md: the Upstash redis-js model). Every
 * request-facing operation is one script, so it is one round trip (issue 7 §6).
 */
import { createConflictMessage, extendConflictMessage, moveConflictMessage } from '../../core/bookings.js';
import type { Booking, BookingsBlob, Conflict } from '../../core/bookings.js';
import { ConflictError, NotFoundError, StorageUnavailableError } from '../../core/errors.js';
import { LegacyBlobError, bookingTriples } from '../legacy-migration.js';
import { ConfigChangedError, OverBudgetError } from '../store.js';
import type {
  BookingChange,
  BookingsListing,
  ChangesSince,
  DamagedBooking,
  RateLimitCharge,
  Store,
  StoreKind,
  WriteConditions,
} from '../store.js';
import { StoreFailure, storeFailureOf } from '../store-failure.js';
import { parseRevision } from '../../core/revision.js';
import { createChangeWatch } from '../change-watch.js';
import { configVersionOf, readStoredBooking } from '../stored-values.js';
import { instanceKeys, rateLimitKey } from './keyspace.js';
import { newEpoch, scriptOf } from './lua-script.js';
import type { Script } from './lua-script.js';
import { createScriptInstances } from './script-instances.js';
import { MOVE_BOOKING } from './move-script.js';
import { createScriptMigrations } from './script-migrations.js';
import {
  CHANGES_SINCE,
  CREATE_BOOKING,
  DELETE_BOOKING,
  HIT_RATE_LIMIT,
  READ_BOOKINGS,
  REPLACE_BOOKINGS,
  UPDATE_BOOKING,
} from './lua-scripts.js';

/** How one Redis client carries commands; every method rejects on any failure. */
export interface RedisTransport {
  evalsha(sha1: string, keys: string[], args: string[]): Promise<unknown>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  /** Every key matching the glob `pattern` (SCAN, on every master of a cluster); for admin work only. */
  scan(pattern: string): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Resolves once the stream at `key` has an entry after `afterId` or `blockMs` passed (a blocking
   * `XREAD` on a connection of its own); absent on REST, which has no blocking reads and polls.
   */
  waitForEntry?(key: string, afterId: string, blockMs: number, signal: AbortSignal): Promise<void>;
}

export interface ScriptStoreOptions {
  kind: Extract<StoreKind, 'redis' | 'upstash'>;
  /** Host (and port) only, never a password or token. */
  target: string;
  transport: RedisTransport;
  /**
   * Redis Cluster: no script may declare keys of two slots, so the config check reads the
   * instance's config copy and the migrations run in single-key steps (issue 8 §6).
   */
  cluster?: boolean;
}

const SCRIPTS = {
  create: scriptOf(CREATE_BOOKING),
  update: scriptOf(UPDATE_BOOKING),
  move: scriptOf(MOVE_BOOKING),
  delete: scriptOf(DELETE_BOOKING),
  read: scriptOf(READ_BOOKINGS),
  hit: scriptOf(HIT_RATE_LIMIT),
  replace: scriptOf(REPLACE_BOOKINGS),
  since: scriptOf(CHANGES_SINCE),
};

/** REST has no blocking reads: a process with open streams asks the log this often (120/min). */
const REST_POLL_MS = 500;
/** A blocking read returns after this long with nothing new, so a wiped log is noticed. */
const BLOCK_MS = 5000;

function isNoScriptError(error: unknown): boolean {
  return error instanceof Error && /NOSCRIPT/i.test(error.message);
}

function conflictOf(status: unknown, hour: unknown): Conflict {
  if (status === 'hour-taken') return { kind: 'hour-taken', hour: Number(hour) };
  if (status === 'past-closing') return { kind: 'past-closing' };
  return { kind: 'start-taken' };
}

function asReply(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('unexpected script reply');
  return value;
}

/**
 * The bucket key and the three charge arguments every chargeable script takes first; the count
 * is kept in `slug`'s budget, in its slot.
 */
function chargeParts(
  charge: RateLimitCharge | undefined,
  refuse: boolean,
  slug: string,
): { key: string; args: string[] } {
  if (!charge) return { key: instanceKeys(slug).noCharge, args: ['', '', ''] };
  return {
    key: rateLimitKey({ ...charge.bucket, instance: slug }),
    args: [String(charge.now), String(charge.windowMs), refuse ? String(charge.max) : ''],
  };
}

/** Hands a script's count to the charge, then turns the refusals every mutation shares into errors. */
function settle(reply: unknown[], conditions: WriteConditions | undefined): void {
  const [status, count, windowStart] = reply;
  if (status === 'config-changed') {
    const text = reply[3] === null || reply[3] === undefined ? null : String(reply[3]);
    throw new ConfigChangedError({ text, version: configVersionOf(text) });
  }
  conditions?.charge?.record({ count: Number(count), windowStart: Number(windowStart) });
  if (status === 'over-budget') throw new OverBudgetError({ count: Number(count), windowStart: Number(windowStart) });
}

/** Sorts `date, time, json` triples into bookings and entries that are not bookings. */
function listingOf(triples: unknown[]): BookingsListing {
  const bookings: Record<string, Record<string, Booking>> = {};
  const damaged: DamagedBooking[] = [];
  for (let index = 0; index + 2 < triples.length; index += 3) {
    const dateKey = String(triples[index]);
    const timeKey = String(triples[index + 1]);
    const read = readStoredBooking(timeKey, String(triples[index + 2]));
    if ('damaged' in read) damaged.push({ dateKey, timeKey, reason: read.damaged });
    else (bookings[dateKey] ??= {})[timeKey] = read;
  }
  return { bookings: bookings as BookingsBlob, damaged };
}

/** Sorts `revision, date, time, json` quads into changes (`''` json = deleted). */
function changesOf(quads: unknown[]): BookingChange[] {
  const changes: BookingChange[] = [];
  for (let index = 0; index + 3 < quads.length; index += 4) {
    const json = String(quads[index + 3]);
    changes.push({
      revision: String(quads[index]),
      dateKey: String(quads[index + 1]),
      timeKey: String(quads[index + 2]),
      booking: json === '' ? null : (JSON.parse(json) as Booking),
    });
  }
  return changes;
}

const MIGRATION_ATTEMPTS = 3;
/**
 * After a call times out with no other call succeeding meanwhile (the server, not just one
 * command, stopped answering), later calls fail at once for this long: a request waiting out its
 * own timeout behind a dead server would break the 1 s budget of issue 3 §6.
 */
const FAIL_FAST_AFTER_TIMEOUT_MS = 500;

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'TimeoutError' || error.name === 'AbortError' || /timed? ?out/i.test(error.message);
}

/** Errors that are answers, not failures: they pass through `guard` as they are. */
function isAnswer(error: unknown): boolean {
  return (
    error instanceof ConflictError ||
    error instanceof NotFoundError ||
    error instanceof ConfigChangedError ||
    error instanceof OverBudgetError
  );
}

/** A change's user and duration as script arguments: '' for "leave as it is". */
function changeArgs(changes: { user?: string; duration?: number }): [string, string | number] {
  return [changes.user === undefined ? '' : JSON.stringify(changes.user), changes.duration ?? ''];
}

/** Builds a `Store` over one Redis transport. */
export function createScriptStore(options: ScriptStoreOptions): Store {
  const { transport, target } = options;
  const cluster = options.cluster === true;
  let closed = false;
  // After a timeout with no answer since, calls fail fast for a moment instead of each waiting
  // out the timeout. On a cluster, per instance: one instance lives on one shard, and a shard
  // that is down must not fail the instances on the others (issue 8 §6).
  const failingFast = new Map<string, { until: number; timeout: unknown }>();
  const lastSuccessAt = new Map<string, number>();
  const scopeOf = (slug: string | undefined) => (cluster ? (slug ?? '') : '');

  /** Runs `work` for `slug`, turning every transport failure into `StorageUnavailableError` (→ 503). */
  async function guard<T>(slug: string | undefined, work: () => Promise<T>): Promise<T> {
    if (closed) throw new StorageUnavailableError(undefined, { cause: new StoreFailure('closed', target) });
    const scope = scopeOf(slug);
    const failing = failingFast.get(scope);
    if (failing && Date.now() < failing.until) {
      throw new StorageUnavailableError(undefined, { cause: storeFailureOf(failing.timeout, target) });
    }
    const startedAt = Date.now();
    try {
      const result = await work();
      lastSuccessAt.set(scope, Date.now());
      return result;
    } catch (error) {
      if (isAnswer(error)) {
        lastSuccessAt.set(scope, Date.now());
        throw error;
      }
      if (error instanceof StorageUnavailableError || error instanceof LegacyBlobError) throw error;
      // A slow call among answered ones is load, not an outage: keep serving the others.
      if (isTimeout(error) && (lastSuccessAt.get(scope) ?? 0) < startedAt) {
        failingFast.set(scope, { until: Date.now() + FAIL_FAST_AFTER_TIMEOUT_MS, timeout: error });
      }
      throw new StorageUnavailableError(undefined, { cause: storeFailureOf(error, target) });
    }
  }

  async function run(script: Script, keys: string[], args: (string | number)[]): Promise<unknown[]> {
    const stringArgs = args.map(String);
    try {
      return asReply(await transport.evalsha(script.sha1, keys, stringArgs));
    } catch (error) {
      // A fresh or flushed server has no cached scripts: send the source once (EVAL caches it).
      if (!isNoScriptError(error)) throw error;
      return asReply(await transport.eval(script.source, keys, stringArgs));
    }
  }

  /** Runs a mutation script: bucket, config, then `keys`; charge and config version, then `args`. */
  async function mutate(
    script: Script,
    slug: string,
    keys: string[],
    args: (string | number)[],
    conditions: WriteConditions | undefined,
  ): Promise<unknown[]> {
    const charge = chargeParts(conditions?.charge, true, slug);
    const instance = instanceKeys(slug);
    const attempt = () =>
      run(
        script,
        [charge.key, cluster ? instance.configCopy : instance.config, ...keys],
        [...charge.args, conditions?.configVersion ?? '', ...args],
      );
    let reply = await attempt();
    if (
      cluster &&
      reply[0] === 'config-changed' &&
      (await instances.refreshConfigCopy(slug, conditions?.configVersion))
    ) {
      reply = await attempt();
    }
    settle(reply, conditions);
    return reply;
  }

  const { migrateOnce, upgradeLayout } = createScriptMigrations({ transport, run, cluster });
  const instances = createScriptInstances({ transport, run, cluster });

  const bookings: Store['bookings'] = {
    list: (slug, range) =>
      guard(slug, async () => {
        const keys = instanceKeys(slug);
        const reply = await run(
          SCRIPTS.read,
          [keys.noCharge, keys.revision, keys.dates],
          ['', '', '', keys.dayPrefix, range?.from ?? '', range?.to ?? ''],
        );
        return listingOf(reply.slice(5));
      }),
    revision: (slug) => guard(slug, async () => (await transport.get(instanceKeys(slug).revision)) ?? 'empty'),
    read: (slug, { range, unlessRevision = [], charge }) =>
      guard(slug, async () => {
        const keys = instanceKeys(slug);
        // The script compares with the stored value, which is '' (not 'empty') when missing.
        const known = unlessRevision.map((revision) => (revision === 'empty' ? '' : revision));
        const parts = chargeParts(charge, false, slug);
        const reply = await run(
          SCRIPTS.read,
          [parts.key, keys.revision, keys.dates],
          [...parts.args, keys.dayPrefix, range?.from ?? '', range?.to ?? '', ...known],
        );
        const [, count, windowStart, revision, listed] = reply;
        charge?.record({ count: Number(count), windowStart: Number(windowStart) });
        return {
          revision: String(revision) || 'empty',
          listing: Number(listed) === 1 ? listingOf(reply.slice(5)) : undefined,
        };
      }),
    create: (slug, slot, booking, rules, conditions) =>
      guard(slug, async () => {
        const keys = instanceKeys(slug);
        const json = JSON.stringify({ user: booking.user, duration: booking.duration });
        const reply = await mutate(
          SCRIPTS.create,
          slug,
          [`${keys.dayPrefix}${slot.dateKey}`, keys.dates, keys.revision, keys.changes],
          [slot.dateKey, slot.timeKey, slot.hour, booking.duration, rules.closeHour, json, newEpoch()],
          conditions,
        );
        if (reply[0] !== 'ok') throw new ConflictError(createConflictMessage(conflictOf(reply[0], reply[3])));
        return { user: booking.user, duration: booking.duration };
      }),
    update: (slug, slot, changes, rules, conditions) =>
      guard(slug, async () => {
        const keys = instanceKeys(slug);
        const reply = await mutate(
          SCRIPTS.update,
          slug,
          [`${keys.dayPrefix}${slot.dateKey}`, keys.revision, keys.changes],
          [slot.timeKey, slot.hour, ...changeArgs(changes), rules.closeHour, newEpoch(), slot.dateKey],
          conditions,
        );
        if (reply[0] === 'not-found') throw new NotFoundError();
        if (reply[0] !== 'ok') throw new ConflictError(extendConflictMessage(conflictOf(reply[0], reply[3])));
        return JSON.parse(String(reply[3])) as Booking;
      }),
    move: (slug, slot, to, changes, rules, conditions) =>
      guard(slug, async () => {
        const keys = instanceKeys(slug);
        const reply = await mutate(
          SCRIPTS.move,
          slug,
          [
            `${keys.dayPrefix}${slot.dateKey}`,
            `${keys.dayPrefix}${to.dateKey}`,
            keys.dates,
            keys.revision,
            keys.changes,
          ],
          [
            slot.dateKey,
            slot.timeKey,
            slot.hour,
            to.dateKey,
            to.timeKey,
            to.hour,
            ...changeArgs(changes),
            rules.closeHour,
            newEpoch(),
          ],
          conditions,
        );
        if (reply[0] === 'not-found') throw new NotFoundError();
        if (reply[0] !== 'ok') throw new ConflictError(moveConflictMessage(conflictOf(reply[0], reply[3]), rules));
        return JSON.parse(String(reply[3])) as Booking;
      }),
    delete: (slug, slot, conditions) =>
      guard(slug, async () => {
        const keys = instanceKeys(slug);
        const reply = await mutate(
          SCRIPTS.delete,
          slug,
          [`${keys.dayPrefix}${slot.dateKey}`, keys.dates, keys.revision, keys.changes],
          [slot.dateKey, slot.timeKey, newEpoch()],
          conditions,
        );
        if (reply[0] === 'not-found') throw new NotFoundError();
      }),
    replace: (slug, blob) =>
      guard(slug, async () => {
        const keys = instanceKeys(slug);
        await run(
          SCRIPTS.replace,
          [keys.dates, keys.revision, keys.changes],
          [keys.dayPrefix, newEpoch(), ...bookingTriples(blob)],
        );
      }),
  };

  async function since(slug: string, revision: string, charge?: RateLimitCharge): Promise<ChangesSince> {
    const keys = instanceKeys(slug);
    // 'empty' (no write yet) holds nothing: everything from the first change is after it.
    const held = revision === 'empty' ? { epoch: '*', counter: 0 } : parseRevision(revision);
    const parts = chargeParts(charge, false, slug);
    const reply = await run(
      SCRIPTS.since,
      [parts.key, keys.revision, keys.changes],
      [...parts.args, held?.epoch ?? '', held ? String(held.counter) : ''],
    );
    const [, count, windowStart, current, complete] = reply;
    charge?.record({ count: Number(count), windowStart: Number(windowStart) });
    return { revision: String(current) || 'empty', changes: Number(complete) === 1 ? changesOf(reply.slice(5)) : null };
  }

  const waitForEntry = transport.waitForEntry?.bind(transport);
  const changeWatch = createChangeWatch({
    since: (slug, revision) => guard(slug, () => since(slug, revision)),
    wait: waitForEntry
      ? (slug, revision, signal) =>
          waitForEntry(instanceKeys(slug).changes, `${parseRevision(revision)?.counter ?? 0}-0`, BLOCK_MS, signal)
      : () => new Promise((resolve) => setTimeout(resolve, REST_POLL_MS)),
  });

  return {
    kind: options.kind,
    target,
    bookings,
    changes: {
      since: (slug, revision, { charge } = {}) => guard(slug, () => since(slug, revision, charge)),
      watch: (slug, listener, options) => changeWatch.watch(slug, listener, options),
    },
    instances: {
      getConfig: (slug, { charge } = {}) =>
        guard(slug, () => instances.getConfig(slug, chargeParts(charge, false, slug), charge)),
      setConfig: (slug, config) => guard(slug, () => instances.setConfig(slug, config)),
      list: () => guard(undefined, () => instances.list()),
      create: (slug, config) => guard(slug, () => instances.create(slug, config)),
      remove: (slug) => guard(slug, () => instances.remove(slug)),
    },
    rateLimits: {
      hit: (bucket, windowMs, now) =>
        guard(bucket.instance, async () => {
          const [, count, windowStart] = await run(SCRIPTS.hit, [rateLimitKey(bucket)], [now, windowMs, '']);
          return { count: Number(count), windowStart: Number(windowStart) };
        }),
    },
    migrations: {
      upgradeLayout: (slug) => guard(slug, () => upgradeLayout(slug)),
      migrateLegacy: (slug) =>
        guard(slug, async () => {
          // The script refuses a plan made from a blob that changed after it was read; read again.
          for (let attempt = 1; attempt <= MIGRATION_ATTEMPTS; attempt += 1) {
            const report = await migrateOnce(slug);
            if (report !== 'changed') return report;
          }
          throw new StorageUnavailableError(undefined, {
            cause: new StoreFailure('legacy-blob-kept-changing', target),
          });
        }),
    },

    ping: () => guard(undefined, () => transport.ping()),
    close: async () => {
      if (closed) return;
      closed = true;
      changeWatch.close();
      await transport.close();
    },
  };
}
