/**
 * The embedded default store: one SQLite file (WAL mode). Each mutation runs in an IMMEDIATE
 * transaction, so the conflict check and the write hold the write lock together even when
 * several processes share the file.
 *
 * Rate limits (issue 7 §6): the write budget is counted in the file, inside the mutation's own
 * transaction, so processes sharing the file share it. The read budget is counted in process, so
 * a poll never writes to disk: with several processes on one file each allows the full read budget.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  findCreateConflict,
  findDurationConflict,
  findMoveConflict,
  createConflictMessage,
  extendConflictMessage,
  moveConflictMessage,
} from '../../core/bookings.js';
import type { Booking, BookingsBlob, DayBookings } from '../../core/bookings.js';
import { ConflictError, NotFoundError, StorageUnavailableError } from '../../core/errors.js';
import type { DateRange, SlotRef } from '../../core/requests.js';
import type { DateKey } from '../../core/time.js';
import { notApplicableMigration } from '../legacy-migration.js';
import { parseRevision } from '../../core/revision.js';
import { createChangeWatch } from '../change-watch.js';
import { CHANGE_LOG_LIMIT, ConfigChangedError, INSTANCE_EXISTS, OverBudgetError } from '../store.js';
import type {
  BookingChange,
  ChangesSince,
  BookingsListing,
  DamagedBooking,
  RateLimitBucket,
  RateLimitCharge,
  RateLimitHit,
  Store,
  StoredConfig,
  WriteConditions,
} from '../store.js';
import { StoreFailure, storeFailureOf } from '../store-failure.js';
import { bucketName, checkStoredBooking, configVersionOf, createWindowCounter } from '../stored-values.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS configs (
    slug TEXT PRIMARY KEY,
    json TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS bookings (
    slug TEXT NOT NULL,
    date_key TEXT NOT NULL,
    time_key TEXT NOT NULL,
    user TEXT NOT NULL,
    duration INTEGER NOT NULL,
    PRIMARY KEY (slug, date_key, time_key)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS revisions (
    slug TEXT PRIMARY KEY,
    epoch TEXT NOT NULL,
    revision INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS changes (
    slug TEXT NOT NULL,
    revision INTEGER NOT NULL,
    date_key TEXT,
    time_key TEXT,
    booking TEXT,
    PRIMARY KEY (slug, revision)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS rate_limits (
    bucket TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    window_start INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

interface BookingRow {
  date_key: string;
  time_key: string;
  user: unknown;
  duration: unknown;
}

export interface SqliteStoreOptions {
  /** Path of the database file; `:memory:` for a throwaway store. */
  file: string;
}

/** What a mutation's transaction decided; errors are raised after it commits, so the count stays. */
type Outcome<T> =
  | { kind: 'ok'; value: T; hit?: RateLimitHit }
  | { kind: 'refused'; error: Error; hit?: RateLimitHit }
  | { kind: 'config-changed'; current: StoredConfig };

/** How often a watched store checks whether another process wrote to the file (issue 8 §2). */
const REVISION_POLL_MS = 150;
const WAIT_LIMIT_MS = 5000;

/** A change as the `changes` table stores it: the booking as JSON, null when deleted. */
interface LoggedChange {
  dateKey: string;
  timeKey: string;
  booking: string | null;
}

function loggedOf(slot: SlotRef, booking: Booking | null): LoggedChange {
  return {
    dateKey: slot.dateKey,
    timeKey: slot.timeKey,
    booking: booking && JSON.stringify({ user: booking.user, duration: booking.duration }),
  };
}

/** How the conflict check sees a row: a damaged one occupies its start hour, as in the Lua scripts. */
function occupancyOf(row: BookingRow): Booking {
  const duration = typeof row.duration === 'number' && row.duration >= 1 ? Math.floor(row.duration) : 1;
  return { user: typeof row.user === 'string' ? row.user : '', duration };
}

/** A budget's row name: per instance (`team-a/w:203.0.113.9`), so removing an instance drops its counts. */
function fileBucketName(bucket: RateLimitBucket): string {
  return bucket.instance === undefined ? bucketName(bucket) : `${bucket.instance}/${bucketName(bucket)}`;
}

/** Opens (creating if needed) the SQLite store at `options.file`. */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const target = options.file;

  const statements = {
    getConfig: db.prepare<[string], { json: string }>('SELECT json FROM configs WHERE slug = ?'),
    setConfig: db.prepare(
      'INSERT INTO configs (slug, json) VALUES (?, ?) ON CONFLICT (slug) DO UPDATE SET json = excluded.json',
    ),
    createConfig: db.prepare('INSERT INTO configs (slug, json) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING'),
    listConfigs: db.prepare<[], { slug: string; json: string }>('SELECT slug, json FROM configs ORDER BY slug'),
    removeConfig: db.prepare('DELETE FROM configs WHERE slug = ?'),
    removeRevision: db.prepare('DELETE FROM revisions WHERE slug = ?'),
    removeChanges: db.prepare('DELETE FROM changes WHERE slug = ?'),
    // An instance's write budgets are named `<slug>/w:<client>` (see `fileBucketName`).
    removeRateLimits: db.prepare("DELETE FROM rate_limits WHERE bucket >= ? || '/' AND bucket < ? || '0'"),
    listAll: db.prepare<[string], BookingRow>(
      'SELECT date_key, time_key, user, duration FROM bookings WHERE slug = ? ORDER BY date_key, time_key',
    ),
    listRange: db.prepare<[string, string, string], BookingRow>(
      'SELECT date_key, time_key, user, duration FROM bookings WHERE slug = ? AND date_key BETWEEN ? AND ? ORDER BY date_key, time_key',
    ),
    listDay: db.prepare<[string, string], BookingRow>(
      'SELECT date_key, time_key, user, duration FROM bookings WHERE slug = ? AND date_key = ?',
    ),
    getBooking: db.prepare<[string, string, string], BookingRow>(
      'SELECT date_key, time_key, user, duration FROM bookings WHERE slug = ? AND date_key = ? AND time_key = ?',
    ),
    insertBooking: db.prepare('INSERT INTO bookings (slug, date_key, time_key, user, duration) VALUES (?, ?, ?, ?, ?)'),
    updateBooking: db.prepare(
      'UPDATE bookings SET user = ?, duration = ? WHERE slug = ? AND date_key = ? AND time_key = ?',
    ),
    deleteBooking: db.prepare('DELETE FROM bookings WHERE slug = ? AND date_key = ? AND time_key = ?'),
    deleteAll: db.prepare('DELETE FROM bookings WHERE slug = ?'),
    getRevision: db.prepare<[string], { epoch: string; revision: number }>(
      'SELECT epoch, revision FROM revisions WHERE slug = ?',
    ),
    bumpRevision: db.prepare<[string, string], { epoch: string; revision: number }>(
      'INSERT INTO revisions (slug, epoch, revision) VALUES (?, ?, 1) ON CONFLICT (slug) DO UPDATE SET revision = revision + 1 RETURNING epoch, revision',
    ),
    // A NULL date marks a replace: listeners must refetch (see `ChangesSince`).
    logChange: db.prepare(
      'INSERT OR REPLACE INTO changes (slug, revision, date_key, time_key, booking) VALUES (?, ?, ?, ?, ?)',
    ),
    trimChanges: db.prepare('DELETE FROM changes WHERE slug = ? AND revision <= ?'),
    changesAfter: db.prepare<
      [string, number],
      { revision: number; date_key: string | null; time_key: string | null; booking: string | null }
    >('SELECT revision, date_key, time_key, booking FROM changes WHERE slug = ? AND revision > ? ORDER BY revision'),
    // One statement is atomic on its own: a new window starts once the old one has ended.
    hitRateLimit: db.prepare<
      [{ bucket: string; now: number; expired: number }],
      { count: number; window_start: number }
    >(
      `INSERT INTO rate_limits (bucket, count, window_start) VALUES (@bucket, 1, @now)
       ON CONFLICT (bucket) DO UPDATE SET
         count = CASE WHEN window_start <= @expired THEN 1 ELSE count + 1 END,
         window_start = CASE WHEN window_start <= @expired THEN @now ELSE window_start END
       RETURNING count, window_start`,
    ),
    purgeRateLimits: db.prepare('DELETE FROM rate_limits WHERE window_start < ?'),
  };

  let closed = false;
  /** Instances whose change was logged in the transaction now committing. */
  const committed = new Set<string>();
  let hitsSincePurge = 0;
  const hitInProcess = createWindowCounter();

  function guard<T>(work: () => T): Promise<T> {
    if (closed) {
      return Promise.reject(new StorageUnavailableError(undefined, { cause: new StoreFailure('closed', target) }));
    }
    try {
      return Promise.resolve(work());
    } catch (error) {
      if (
        error instanceof ConflictError ||
        error instanceof NotFoundError ||
        error instanceof ConfigChangedError ||
        error instanceof OverBudgetError
      ) {
        return Promise.reject(error);
      }
      return Promise.reject(new StorageUnavailableError(undefined, { cause: storeFailureOf(error, target) }));
    }
  }

  function readDay(slug: string, dateKey: DateKey): DayBookings {
    const day: DayBookings = {};
    for (const row of statements.listDay.all(slug, dateKey)) day[row.time_key] = occupancyOf(row);
    return day;
  }

  function readRevision(slug: string): string {
    const row = statements.getRevision.get(slug);
    return row ? `${row.epoch}-${row.revision}` : 'empty';
  }

  function readConfig(slug: string): StoredConfig {
    const text = statements.getConfig.get(slug)?.json ?? null;
    return { text, version: configVersionOf(text) };
  }

  /** Bumps the revision and logs `change` under it, in the caller's transaction; trims the log. */
  function bumpRevision(slug: string, change: LoggedChange | 'resync'): void {
    const row = statements.bumpRevision.get(slug, randomUUID().slice(0, 8))!;
    // A fresh epoch starts a fresh log; otherwise keep the last CHANGE_LOG_LIMIT entries.
    statements.trimChanges.run(slug, row.revision === 1 ? Number.MAX_SAFE_INTEGER : row.revision - CHANGE_LOG_LIMIT);
    if (change === 'resync') statements.logChange.run(slug, row.revision, null, null, null);
    else statements.logChange.run(slug, row.revision, change.dateKey, change.timeKey, change.booking);
    committed.add(slug);
  }

  /** The changes after `revision` while the log holds every one of them (see `ChangesStore`). */
  function since(slug: string, revision: string): ChangesSince {
    const row = statements.getRevision.get(slug);
    if (!row) return { revision: 'empty', changes: revision === 'empty' ? [] : null };
    const current = `${row.epoch}-${row.revision}`;
    // 'empty' (no write yet) holds nothing: everything from the first change is after it.
    const held = revision === 'empty' ? { epoch: row.epoch, counter: 0 } : parseRevision(revision);
    if (!held || held.epoch !== row.epoch || held.counter > row.revision) return { revision: current, changes: null };
    const rows = statements.changesAfter.all(slug, held.counter);
    if (
      rows.length !== row.revision - held.counter ||
      rows[0]?.revision !== (rows.length ? held.counter + 1 : undefined)
    ) {
      return { revision: current, changes: null };
    }
    const changes: BookingChange[] = [];
    for (const entry of rows) {
      if (entry.date_key === null || entry.time_key === null) return { revision: current, changes: null };
      changes.push({
        revision: `${row.epoch}-${entry.revision}`,
        dateKey: entry.date_key,
        timeKey: entry.time_key,
        booking: entry.booking === null ? null : (JSON.parse(entry.booking) as Booking),
      });
    }
    return { revision: current, changes };
  }

  function hitInFile(bucket: RateLimitBucket, windowMs: number, now: number): RateLimitHit {
    const row = statements.hitRateLimit.get({ bucket: fileBucketName(bucket), now, expired: now - windowMs })!;
    hitsSincePurge += 1;
    if (hitsSincePurge >= 1000) {
      hitsSincePurge = 0;
      statements.purgeRateLimits.run(now - 2 * windowMs);
    }
    return { count: row.count, windowStart: row.window_start };
  }

  /** Read budgets in process (no disk write per poll), write budgets in the shared file. */
  function hit(bucket: RateLimitBucket, windowMs: number, now: number): RateLimitHit {
    if (bucket.budget === 'read') return hitInProcess(fileBucketName(bucket), windowMs, now);
    return hitInFile(bucket, windowMs, now);
  }

  function chargeRead(charge: RateLimitCharge | undefined): void {
    if (charge) charge.record(hit(charge.bucket, charge.windowMs, charge.now));
  }

  function listingOf(rows: BookingRow[]): BookingsListing {
    const bookings: Record<string, Record<string, Booking>> = {};
    const damaged: DamagedBooking[] = [];
    for (const row of rows) {
      const read = checkStoredBooking(row.time_key, { user: row.user, duration: row.duration });
      if ('damaged' in read) damaged.push({ dateKey: row.date_key, timeKey: row.time_key, reason: read.damaged });
      else (bookings[row.date_key] ??= {})[row.time_key] = read;
    }
    return { bookings: bookings as BookingsBlob, damaged };
  }

  function list(slug: string, range?: DateRange): BookingsListing {
    return listingOf(range ? statements.listRange.all(slug, range.from, range.to) : statements.listAll.all(slug));
  }

  /**
   * Wraps a mutation in one IMMEDIATE transaction with its conditions: the config check first (a
   * refusal counts nothing), then the charge, then `change`, whose refusal still keeps the count.
   */
  function mutation<A extends unknown[], T>(
    change: (slug: string, ...args: A) => { value: T; logged: LoggedChange | LoggedChange[] } | { error: Error },
  ): (slug: string, conditions: WriteConditions | undefined, ...args: A) => T {
    const transaction = db.transaction((slug: string, conditions: WriteConditions | undefined, args: A): Outcome<T> => {
      if (conditions?.configVersion !== undefined) {
        const current = readConfig(slug);
        if (current.version !== conditions.configVersion) return { kind: 'config-changed', current };
      }
      const charge = conditions?.charge;
      const counted = charge ? hit(charge.bucket, charge.windowMs, charge.now) : undefined;
      if (charge && counted && counted.count > charge.max) {
        return { kind: 'refused', error: new OverBudgetError(counted), hit: counted };
      }
      const result = change(slug, ...args);
      if ('error' in result) return { kind: 'refused', error: result.error, hit: counted };
      // One revision per logged change, in order (a move logs two).
      for (const logged of [result.logged].flat()) bumpRevision(slug, logged);
      return { kind: 'ok', value: result.value, hit: counted };
    });
    return (slug, conditions, ...args) => {
      const outcome = transaction.immediate(slug, conditions, args);
      announceCommitted();
      if (outcome.kind === 'config-changed') throw new ConfigChangedError(outcome.current);
      if (outcome.hit) conditions?.charge?.record(outcome.hit);
      if (outcome.kind === 'refused') throw outcome.error;
      return outcome.value;
    };
  }

  const create = mutation<[SlotRef, Booking, number], Booking>(
    (slug, slot: SlotRef, booking: Booking, closeHour: number) => {
      const conflict = findCreateConflict(readDay(slug, slot.dateKey), slot.hour, booking.duration, { closeHour });
      if (conflict) return { error: new ConflictError(createConflictMessage(conflict)) };
      statements.insertBooking.run(slug, slot.dateKey, slot.timeKey, booking.user, booking.duration);
      const value = { user: booking.user, duration: booking.duration };
      return { value, logged: loggedOf(slot, value) };
    },
  );

  const update = mutation<[SlotRef, Partial<Booking>, number], Booking>(
    (slug, slot: SlotRef, changes: Partial<Booking>, closeHour: number) => {
      const day = readDay(slug, slot.dateKey);
      const current = day[slot.timeKey];
      // A damaged row (no user) is not a booking the API can show; never merge into it.
      if (!current || (changes.user === undefined && current.user === '')) return { error: new NotFoundError() };
      if (changes.duration !== undefined) {
        const conflict = findDurationConflict(day, slot.hour, changes.duration, { closeHour });
        if (conflict) return { error: new ConflictError(extendConflictMessage(conflict)) };
      }
      const merged: Booking = { user: changes.user ?? current.user, duration: changes.duration ?? current.duration };
      statements.updateBooking.run(merged.user, merged.duration, slug, slot.dateKey, slot.timeKey);
      return { value: merged, logged: loggedOf(slot, merged) };
    },
  );

  const move = mutation<[SlotRef, SlotRef, Partial<Booking>, number], Booking>(
    (slug, from: SlotRef, to: SlotRef, changes: Partial<Booking>, closeHour: number) => {
      const row = statements.getBooking.get(slug, from.dateKey, from.timeKey);
      const current = row && checkStoredBooking(row.time_key, { user: row.user, duration: row.duration });
      // A damaged row is not a booking the API can show: moving it would lose what it holds.
      if (!current || 'damaged' in current) return { error: new NotFoundError() };
      const merged: Booking = { user: changes.user ?? current.user, duration: changes.duration ?? current.duration };
      const ownStart = to.dateKey === from.dateKey ? from.hour : undefined;
      const conflict = findMoveConflict(readDay(slug, to.dateKey), to.hour, merged.duration, { closeHour }, ownStart);
      if (conflict) return { error: new ConflictError(moveConflictMessage(conflict, { closeHour })) };
      statements.deleteBooking.run(slug, from.dateKey, from.timeKey);
      statements.insertBooking.run(slug, to.dateKey, to.timeKey, merged.user, merged.duration);
      return { value: merged, logged: [loggedOf(from, null), loggedOf(to, merged)] };
    },
  );

  const remove = mutation<[SlotRef], void>((slug, slot: SlotRef) => {
    const result = statements.deleteBooking.run(slug, slot.dateKey, slot.timeKey);
    return result.changes === 0 ? { error: new NotFoundError() } : { value: undefined, logged: loggedOf(slot, null) };
  });

  // Both reads in one snapshot, so the listing is the state the revision names.
  const readTx = db.transaction((slug: string, range: DateRange | undefined, unless: readonly string[]) => {
    const revision = readRevision(slug);
    return { revision, listing: unless.includes(revision) ? undefined : list(slug, range) };
  });

  const replaceTx = db.transaction((slug: string, bookings: BookingsBlob) => {
    statements.deleteAll.run(slug);
    for (const [dateKey, day] of Object.entries(bookings)) {
      for (const [timeKey, booking] of Object.entries(day ?? {})) {
        if (!booking) continue;
        statements.insertBooking.run(slug, dateKey, timeKey, booking.user, booking.duration);
      }
    }
    bumpRevision(slug, 'resync');
  });

  // Both reads in one snapshot, as in `readTx`.
  const sinceTx = db.transaction(since);

  // Everything of the instance in one transaction: a write validated against its config before
  // finds the config gone (ConfigChangedError) and changes nothing.
  const removeTx = db.transaction((slug: string): boolean => {
    const existed = statements.removeConfig.run(slug).changes > 0;
    statements.deleteAll.run(slug);
    statements.removeRevision.run(slug);
    statements.removeChanges.run(slug);
    statements.removeRateLimits.run(slug, slug);
    committed.add(slug);
    return existed;
  });

  /**
   * In this process a commit wakes the watch loops at once. Other processes sharing the file are
   * noticed by reading the revision row every REVISION_POLL_MS while something is watched (a
   * primary-key read; a wait gives up after WAIT_LIMIT_MS, costing one spurious `since`).
   */
  const changeWatch = createChangeWatch({
    since: (slug, revision) => guard(() => sinceTx(slug, revision)),
    wait: async (slug, revision) => {
      for (let waited = 0; waited < WAIT_LIMIT_MS; waited += REVISION_POLL_MS) {
        await new Promise((resolve) => setTimeout(resolve, REVISION_POLL_MS));
        if (closed || readRevision(slug) !== revision) return;
      }
    },
  });
  function announceCommitted(): void {
    for (const slug of committed) changeWatch.poke(slug);
    committed.clear();
  }

  return {
    kind: 'sqlite',
    target,
    bookings: {
      list: (slug, range) => guard(() => list(slug, range)),
      revision: (slug) => guard(() => readRevision(slug)),
      read: (slug, { range, unlessRevision = [], charge }) =>
        guard(() => {
          chargeRead(charge);
          return readTx(slug, range, unlessRevision);
        }),
      create: (slug, slot, booking, rules, conditions) =>
        guard(() => create(slug, conditions, slot, booking, rules.closeHour)),
      update: (slug, slot, changes, rules, conditions) =>
        guard(() => update(slug, conditions, slot, changes, rules.closeHour)),
      move: (slug, slot, to, changes, rules, conditions) =>
        guard(() => move(slug, conditions, slot, to, changes, rules.closeHour)),
      delete: (slug, slot, conditions) => guard(() => remove(slug, conditions, slot)),
      replace: (slug, bookings) =>
        guard(() => {
          replaceTx.immediate(slug, bookings);
          announceCommitted();
        }),
    },
    changes: {
      since: (slug, revision, { charge } = {}) =>
        guard(() => {
          chargeRead(charge);
          return sinceTx(slug, revision);
        }),
      watch: (slug, listener, options) => changeWatch.watch(slug, listener, options),
    },
    instances: {
      getConfig: (slug, { charge } = {}) =>
        guard(() => {
          chargeRead(charge);
          return readConfig(slug);
        }),
      setConfig: (slug, config) => guard(() => void statements.setConfig.run(slug, JSON.stringify(config))),
      list: () =>
        guard(() =>
          statements.listConfigs
            .all()
            .map((row) => ({ slug: row.slug, config: { text: row.json, version: configVersionOf(row.json) } })),
        ),
      create: (slug, config) =>
        guard(() => {
          if (statements.createConfig.run(slug, JSON.stringify(config)).changes === 0) {
            throw new ConflictError(INSTANCE_EXISTS);
          }
        }),
      remove: (slug) =>
        guard(() => {
          const existed = removeTx.immediate(slug);
          announceCommitted();
          return existed;
        }),
    },
    rateLimits: {
      hit: (bucket, windowMs, now) => guard(() => hit(bucket, windowMs, now)),
    },
    migrations: {
      // The original never wrote SQLite: its data comes in with `hourbook import` (src/cli/import.command.ts).
      migrateLegacy: () => guard(() => notApplicableMigration()),
      upgradeLayout: () => guard(() => ({ status: 'not-applicable', days: 0, bookings: 0 })),
    },
    ping: () => guard(() => void db.prepare('SELECT 1').get()),
    close: async () => {
      if (closed) return;
      closed = true;
      changeWatch.close();
      db.close();
    },
  };
}
