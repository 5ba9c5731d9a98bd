/**
 * The embedded default store: one SQLite file (WAL mode). Each mutation runs in an IMMEDIATE
 * transaction, so the conflict check and the write hold the write lock together even when
 * several processes share the file.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  findCreateConflict,
  findDurationConflict,
  createConflictMessage,
  extendConflictMessage,
} from '../../core/bookings.js';
import type { Booking, BookingsBlob, DayBookings } from '../../core/bookings.js';
import { ConflictError, NotFoundError, StorageUnavailableError } from '../../core/errors.js';
import type { DateRange, SlotRef } from '../../core/requests.js';
import type { DateKey, TimeKey } from '../../core/time.js';
import type { BookingStore, RateLimitHit } from '../store.js';

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
  CREATE TABLE IF NOT EXISTS rate_limits (
    bucket TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    window_start INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

interface BookingRow {
  date_key: string;
  time_key: string;
  user: string;
  duration: number;
}

export interface SqliteStoreOptions {
  /** Path of the database file; `:memory:` for a throwaway store. */
  file: string;
}

/** Opens (creating if needed) the SQLite store at `options.file`. */
export function createSqliteStore(options: SqliteStoreOptions): BookingStore {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const statements = {
    getConfig: db.prepare<[string], { json: string }>('SELECT json FROM configs WHERE slug = ?'),
    setConfig: db.prepare(
      'INSERT INTO configs (slug, json) VALUES (?, ?) ON CONFLICT (slug) DO UPDATE SET json = excluded.json',
    ),
    listAll: db.prepare<[string], BookingRow>(
      'SELECT date_key, time_key, user, duration FROM bookings WHERE slug = ? ORDER BY date_key, time_key',
    ),
    listRange: db.prepare<[string, string, string], BookingRow>(
      'SELECT date_key, time_key, user, duration FROM bookings WHERE slug = ? AND date_key BETWEEN ? AND ? ORDER BY date_key, time_key',
    ),
    listDay: db.prepare<[string, string], BookingRow>(
      'SELECT date_key, time_key, user, duration FROM bookings WHERE slug = ? AND date_key = ?',
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
    bumpRevision: db.prepare(
      'INSERT INTO revisions (slug, epoch, revision) VALUES (?, ?, 1) ON CONFLICT (slug) DO UPDATE SET revision = revision + 1',
    ),
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
  let hitsSincePurge = 0;

  function guard<T>(work: () => T): Promise<T> {
    if (closed)
      return Promise.reject(new StorageUnavailableError('Storage unavailable', { cause: new Error('store closed') }));
    try {
      return Promise.resolve(work());
    } catch (error) {
      if (error instanceof ConflictError || error instanceof NotFoundError) return Promise.reject(error);
      return Promise.reject(new StorageUnavailableError('Storage unavailable', { cause: error }));
    }
  }

  function readDay(slug: string, dateKey: DateKey): DayBookings {
    const day: DayBookings = {};
    for (const row of statements.listDay.all(slug, dateKey)) {
      day[row.time_key as TimeKey] = { user: row.user, duration: row.duration };
    }
    return day;
  }

  function readRevision(slug: string): string {
    const row = statements.getRevision.get(slug);
    return row ? `${row.epoch}-${row.revision}` : 'empty';
  }

  function bumpRevision(slug: string): void {
    statements.bumpRevision.run(slug, randomUUID().slice(0, 8));
  }

  const createTx = db.transaction((slug: string, slot: SlotRef, booking: Booking, closeHour: number) => {
    const conflict = findCreateConflict(readDay(slug, slot.dateKey), slot.hour, booking.duration, { closeHour });
    if (conflict) throw new ConflictError(createConflictMessage(conflict));
    statements.insertBooking.run(slug, slot.dateKey, slot.timeKey, booking.user, booking.duration);
    bumpRevision(slug);
    return booking;
  });

  const updateTx = db.transaction((slug: string, slot: SlotRef, changes: Partial<Booking>, closeHour: number) => {
    const day = readDay(slug, slot.dateKey);
    const current = day[slot.timeKey];
    if (!current) throw new NotFoundError();
    if (changes.duration !== undefined) {
      const conflict = findDurationConflict(day, slot.hour, changes.duration, { closeHour });
      if (conflict) throw new ConflictError(extendConflictMessage(conflict));
    }
    const merged: Booking = { user: changes.user ?? current.user, duration: changes.duration ?? current.duration };
    statements.updateBooking.run(merged.user, merged.duration, slug, slot.dateKey, slot.timeKey);
    bumpRevision(slug);
    return merged;
  });

  const deleteTx = db.transaction((slug: string, slot: SlotRef) => {
    const result = statements.deleteBooking.run(slug, slot.dateKey, slot.timeKey);
    if (result.changes === 0) throw new NotFoundError();
    bumpRevision(slug);
  });

  const replaceTx = db.transaction((slug: string, bookings: BookingsBlob) => {
    statements.deleteAll.run(slug);
    for (const [dateKey, day] of Object.entries(bookings)) {
      for (const [timeKey, booking] of Object.entries(day ?? {})) {
        if (!booking) continue;
        statements.insertBooking.run(slug, dateKey, timeKey, booking.user, booking.duration);
      }
    }
    bumpRevision(slug);
  });

  function hitRateLimit(bucket: string, windowMs: number, now: number): RateLimitHit {
    const row = statements.hitRateLimit.get({ bucket, now, expired: now - windowMs })!;
    hitsSincePurge += 1;
    if (hitsSincePurge >= 1000) {
      hitsSincePurge = 0;
      statements.purgeRateLimits.run(now - 2 * windowMs);
    }
    return { count: row.count, windowStart: row.window_start };
  }

  return {
    kind: 'sqlite',
    target: options.file,

    getConfig: (slug) =>
      guard(() => {
        const row = statements.getConfig.get(slug);
        return row ? (JSON.parse(row.json) as unknown) : null;
      }),
    setConfig: (slug, config) => guard(() => void statements.setConfig.run(slug, JSON.stringify(config))),

    listBookings: (slug, range?: DateRange) =>
      guard(() => {
        const rows = range ? statements.listRange.all(slug, range.from, range.to) : statements.listAll.all(slug);
        const blob: Record<string, Record<string, Booking>> = {};
        for (const row of rows) {
          (blob[row.date_key] ??= {})[row.time_key] = { user: row.user, duration: row.duration };
        }
        return blob as BookingsBlob;
      }),
    getRevision: (slug) => guard(() => readRevision(slug)),

    createBooking: (slug, slot, booking, rules) =>
      guard(() => createTx.immediate(slug, slot, booking, rules.closeHour)),
    updateBooking: (slug, slot, changes, rules) =>
      guard(() => updateTx.immediate(slug, slot, changes, rules.closeHour)),
    deleteBooking: (slug, slot) => guard(() => deleteTx.immediate(slug, slot)),
    replaceBookings: (slug, bookings) => guard(() => replaceTx.immediate(slug, bookings)),

    hitRateLimit: (bucket, windowMs, now) => guard(() => hitRateLimit(bucket, windowMs, now)),
    hitRateLimitAndGetRevision: (bucket, windowMs, now, slug) =>
      guard(() => ({ hit: hitRateLimit(bucket, windowMs, now), revision: readRevision(slug) })),

    ping: () => guard(() => void db.prepare('SELECT 1').get()),
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
