/**
 * The booking store both Redis backends share. Everything goes through a tiny transport (EVALSHA,
 * EVAL, GET, SET, PING), so the native client and the Upstash REST client differ only in how they
 * carry a command, never in what a command does (STYLE.md: the Upstash redis-js model).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createConflictMessage, extendConflictMessage } from '../../core/bookings.js';
import type { Booking, BookingsBlob, Conflict } from '../../core/bookings.js';
import { ConflictError, NotFoundError, StorageUnavailableError } from '../../core/errors.js';
import { LegacyBlobError, bookingTriples, planLegacyImport } from '../legacy-migration.js';
import type { LegacyMigratable, MigrationReport } from '../legacy-migration.js';
import type { BookingStore, StoreKind } from '../store.js';
import { instanceKeys, rateLimitKey } from './keyspace.js';
import {
  CREATE_BOOKING,
  DELETE_BOOKING,
  HIT_RATE_LIMIT,
  HIT_RATE_LIMIT_AND_READ_REVISION,
  LIST_BOOKINGS,
  MIGRATE_LEGACY,
  REPLACE_BOOKINGS,
  UPDATE_BOOKING,
} from './lua-scripts.js';

/** How one Redis client carries commands; every method rejects on any failure. */
export interface RedisTransport {
  evalsha(sha1: string, keys: string[], args: string[]): Promise<unknown>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface ScriptStoreOptions {
  kind: Extract<StoreKind, 'redis' | 'upstash'>;
  /** Host (and port) only, never a password or token. */
  target: string;
  transport: RedisTransport;
}

interface Script {
  source: string;
  sha1: string;
}

function scriptOf(source: string): Script {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

const SCRIPTS = {
  create: scriptOf(CREATE_BOOKING),
  update: scriptOf(UPDATE_BOOKING),
  delete: scriptOf(DELETE_BOOKING),
  list: scriptOf(LIST_BOOKINGS),
  replace: scriptOf(REPLACE_BOOKINGS),
  migrate: scriptOf(MIGRATE_LEGACY),
  rateLimit: scriptOf(HIT_RATE_LIMIT),
  poll: scriptOf(HIT_RATE_LIMIT_AND_READ_REVISION),
};

/** A fresh revision epoch; used by a script only when the revision key does not exist yet. */
function newEpoch(): string {
  return randomBytes(4).toString('hex');
}

function isNoScriptError(error: unknown): boolean {
  return error instanceof Error && /NOSCRIPT/i.test(error.message);
}

function conflictOf(reply: unknown[]): Conflict {
  const [status, hour] = reply;
  if (status === 'hour-taken') return { kind: 'hour-taken', hour: Number(hour) };
  if (status === 'past-closing') return { kind: 'past-closing' };
  return { kind: 'start-taken' };
}

function asReply(value: unknown): unknown[] {
  if (!Array.isArray(value)) {
    throw new StorageUnavailableError(undefined, { cause: new Error(`unexpected script reply ${String(value)}`) });
  }
  return value;
}

function parseBooking(json: string): Booking {
  return JSON.parse(json) as Booking;
}

const MIGRATION_ATTEMPTS = 3;
/**
 * After a call times out with no other call succeeding meanwhile (the server, not just one
 * command, stopped answering), later calls fail at once for this long: one request makes several
 * calls, and each waiting out its own timeout would break the 1 s budget of issue 3 §6.
 */
const FAIL_FAST_AFTER_TIMEOUT_MS = 500;

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'TimeoutError' || error.name === 'AbortError' || /timed? ?out/i.test(error.message);
}

/** Builds a `BookingStore` (plus the legacy migration) over one Redis transport. */
export function createScriptStore(options: ScriptStoreOptions): BookingStore & LegacyMigratable {
  const { transport } = options;
  let closed = false;
  let failFastUntil = 0;
  let lastTimeout: unknown;
  let lastSuccessAt = 0;

  /** Runs `work`, turning every transport failure into `StorageUnavailableError` (→ 503). */
  async function guard<T>(work: () => Promise<T>): Promise<T> {
    if (closed) throw new StorageUnavailableError(undefined, { cause: new Error('store closed') });
    if (Date.now() < failFastUntil) {
      throw new StorageUnavailableError(undefined, { cause: lastTimeout });
    }
    const startedAt = Date.now();
    try {
      const result = await work();
      lastSuccessAt = Date.now();
      return result;
    } catch (error) {
      if (error instanceof ConflictError || error instanceof NotFoundError) {
        lastSuccessAt = Date.now();
        throw error;
      }
      if (error instanceof StorageUnavailableError || error instanceof LegacyBlobError) throw error;
      // A slow call among answered ones is load, not an outage: keep serving the others.
      if (isTimeout(error) && lastSuccessAt < startedAt) {
        failFastUntil = Date.now() + FAIL_FAST_AFTER_TIMEOUT_MS;
        lastTimeout = error;
      }
      throw new StorageUnavailableError(undefined, { cause: error });
    }
  }

  async function run(script: Script, keys: string[], args: (string | number)[]): Promise<unknown> {
    const stringArgs = args.map(String);
    try {
      return await transport.evalsha(script.sha1, keys, stringArgs);
    } catch (error) {
      // A fresh or flushed server has no cached scripts: send the source once (EVAL caches it).
      if (!isNoScriptError(error)) throw error;
      return transport.eval(script.source, keys, stringArgs);
    }
  }

  async function migrateOnce(slug: string): Promise<MigrationReport | 'changed'> {
    const keys = instanceKeys(slug);
    const empty = { migrated: 0, overlaps: [], malformed: [], keptInBackup: [] };
    if ((await transport.get(keys.migrated)) !== null) return { status: 'already-migrated', ...empty };
    const raw = await transport.get(keys.legacy);
    if (raw === null) {
      // Another server may have migrated between the two reads.
      const migratedMeanwhile = (await transport.get(keys.migrated)) !== null;
      return { status: migratedMeanwhile ? 'already-migrated' : 'no-legacy-data', ...empty };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new LegacyBlobError(`${keys.legacy} is not JSON; left untouched`, { cause: error });
    }
    const plan = planLegacyImport(parsed);
    const marker = JSON.stringify({ migratedAt: new Date().toISOString(), bookings: plan.count });
    const sha1 = createHash('sha1').update(raw, 'utf8').digest('hex');
    const reply = asReply(
      await run(
        SCRIPTS.migrate,
        [keys.legacy, keys.migrated, keys.legacyBackup, keys.dates, keys.revision],
        [keys.dayPrefix, newEpoch(), sha1, marker, ...bookingTriples(plan.bookings)],
      ),
    );
    const [status, moved, ...kept] = reply;
    if (status === 'changed') return 'changed';
    if (status === 'already') return { status: 'already-migrated', ...empty };
    if (status === 'none') return { status: 'no-legacy-data', ...empty };
    return {
      status: 'migrated',
      migrated: Number(moved),
      overlaps: plan.overlaps,
      malformed: plan.malformed,
      keptInBackup: kept.map(String),
      backupKey: keys.legacyBackup,
    };
  }

  return {
    kind: options.kind,
    target: options.target,

    getConfig: (slug) =>
      guard(async () => {
        const json = await transport.get(instanceKeys(slug).config);
        return json === null ? null : (JSON.parse(json) as unknown);
      }),
    setConfig: (slug, config) => guard(() => transport.set(instanceKeys(slug).config, JSON.stringify(config))),

    listBookings: (slug, range) =>
      guard(async () => {
        const keys = instanceKeys(slug);
        const triples = asReply(
          await run(SCRIPTS.list, [keys.dates], [keys.dayPrefix, range?.from ?? '', range?.to ?? '']),
        );
        const blob: Record<string, Record<string, Booking>> = {};
        for (let index = 0; index + 2 < triples.length; index += 3) {
          const dateKey = String(triples[index]);
          (blob[dateKey] ??= {})[String(triples[index + 1])] = parseBooking(String(triples[index + 2]));
        }
        return blob as BookingsBlob;
      }),
    getRevision: (slug) => guard(async () => (await transport.get(instanceKeys(slug).revision)) ?? 'empty'),

    createBooking: (slug, slot, booking, rules) =>
      guard(async () => {
        const keys = instanceKeys(slug);
        const json = JSON.stringify({ user: booking.user, duration: booking.duration });
        const reply = asReply(
          await run(
            SCRIPTS.create,
            [`${keys.dayPrefix}${slot.dateKey}`, keys.dates, keys.revision],
            [slot.dateKey, slot.timeKey, slot.hour, booking.duration, rules.closeHour, json, newEpoch()],
          ),
        );
        if (reply[0] !== 'ok') throw new ConflictError(createConflictMessage(conflictOf(reply)));
        return { user: booking.user, duration: booking.duration };
      }),
    updateBooking: (slug, slot, changes, rules) =>
      guard(async () => {
        const keys = instanceKeys(slug);
        const reply = asReply(
          await run(
            SCRIPTS.update,
            [`${keys.dayPrefix}${slot.dateKey}`, keys.revision],
            [
              slot.timeKey,
              slot.hour,
              changes.user === undefined ? '' : JSON.stringify(changes.user),
              changes.duration === undefined ? '' : changes.duration,
              rules.closeHour,
              newEpoch(),
            ],
          ),
        );
        if (reply[0] === 'not-found') throw new NotFoundError();
        if (reply[0] !== 'ok') throw new ConflictError(extendConflictMessage(conflictOf(reply)));
        return parseBooking(String(reply[1]));
      }),
    deleteBooking: (slug, slot) =>
      guard(async () => {
        const keys = instanceKeys(slug);
        const reply = asReply(
          await run(
            SCRIPTS.delete,
            [`${keys.dayPrefix}${slot.dateKey}`, keys.dates, keys.revision],
            [slot.dateKey, slot.timeKey, newEpoch()],
          ),
        );
        if (reply[0] === 'not-found') throw new NotFoundError();
      }),
    replaceBookings: (slug, bookings) =>
      guard(async () => {
        const keys = instanceKeys(slug);
        await run(
          SCRIPTS.replace,
          [keys.dates, keys.revision],
          [keys.dayPrefix, newEpoch(), ...bookingTriples(bookings)],
        );
      }),

    hitRateLimit: (bucket, windowMs, now) =>
      guard(async () => {
        const [count, windowStart] = asReply(await run(SCRIPTS.rateLimit, [rateLimitKey(bucket)], [now, windowMs]));
        return { count: Number(count), windowStart: Number(windowStart) };
      }),

    hitRateLimitAndGetRevision: (bucket, windowMs, now, slug) =>
      guard(async () => {
        const keys = [rateLimitKey(bucket), instanceKeys(slug).revision];
        const [count, windowStart, revision] = asReply(await run(SCRIPTS.poll, keys, [now, windowMs]));
        return {
          hit: { count: Number(count), windowStart: Number(windowStart) },
          revision: String(revision) || 'empty',
        };
      }),

    migrateLegacy: (slug) =>
      guard(async () => {
        // The script refuses a plan made from a blob that changed after it was read; read again.
        for (let attempt = 1; attempt <= MIGRATION_ATTEMPTS; attempt += 1) {
          const report = await migrateOnce(slug);
          if (report !== 'changed') return report;
        }
        throw new StorageUnavailableError(undefined, {
          cause: new Error('legacy bookings kept changing during migration'),
        });
      }),

    ping: () => guard(() => transport.ping()),
    close: async () => {
      if (closed) return;
      closed = true;
      await transport.close();
    },
  };
}
