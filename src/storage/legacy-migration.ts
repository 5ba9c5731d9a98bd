/**
 * The original's data in Hourbook: it kept every booking of an instance as one JSON blob at
 * `instance:{slug}:bookings` (PRODUCT.md §5.1). This file sorts such a blob into bookings that can
 * be stored, overlapping pairs (stored as they are, and reported) and malformed entries (never
 * stored, never dropped: reported, and kept in the backup or the source file).
 */
import type { Booking, BookingsBlob } from '../core/bookings.js';
import { hourOfTimeKey, isDateKey, isTimeKey } from '../core/time.js';
import type { DateKey, TimeKey } from '../core/time.js';
import type { Store } from './store.js';

/** Two stored bookings of one date whose hours overlap, e.g. 07:00 × 3 and 08:00. */
export interface LegacyOverlap {
  dateKey: string;
  timeKey: string;
  overlapsWith: string;
}

/** An entry that is not a booking Hourbook can store, with the reason, e.g. `duration is not a whole number 1-24`. */
export interface LegacyMalformed {
  dateKey: string;
  timeKey?: string;
  value: unknown;
  reason: string;
}

/** What a legacy blob holds, sorted. */
export interface LegacyImportPlan {
  /** Everything storable, overlapping pairs included. */
  bookings: BookingsBlob;
  count: number;
  overlaps: LegacyOverlap[];
  malformed: LegacyMalformed[];
}

export type MigrationStatus = 'migrated' | 'already-migrated' | 'no-legacy-data' | 'not-applicable';

/** The report of a backend the original never wrote to: nothing to do. */
export function notApplicableMigration(): MigrationReport {
  return { status: 'not-applicable', migrated: 0, overlaps: [], malformed: [], keptInBackup: [] };
}

/** The outcome of a start-up migration. */
export interface MigrationReport {
  status: MigrationStatus;
  /** Bookings written to the new layout. */
  migrated: number;
  overlaps: LegacyOverlap[];
  malformed: LegacyMalformed[];
  /** `date time` of legacy entries not written because the new layout already had that slot. */
  keptInBackup: string[];
  /** Where the original blob now lives, when one was migrated. */
  backupKey?: string;
}

/** The original's blob cannot be read at all (not JSON, or not an object keyed by date); nothing was changed. */
export class LegacyBlobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LegacyBlobError';
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problemOf(timeKey: string, value: unknown): string | undefined {
  if (!isTimeKey(timeKey)) return 'time is not HH:00 with an hour 00-23';
  if (!isPlainObject(value)) return 'not an object with user and duration';
  if (typeof value.user !== 'string' || value.user.trim() === '') return 'user is not a non-empty string';
  const { duration } = value;
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration > 24) {
    return 'duration is not a whole number 1-24';
  }
  return undefined;
}

function overlapsOf(dateKey: string, day: Partial<Record<TimeKey, Booking>>): LegacyOverlap[] {
  const spans = Object.entries(day)
    .map(([timeKey, booking]) => ({ timeKey, start: hourOfTimeKey(timeKey as TimeKey), end: 0, booking }))
    .map((span) => ({ ...span, end: span.start + (span.booking?.duration ?? 1) }))
    .sort((a, b) => a.start - b.start);
  const overlaps: LegacyOverlap[] = [];
  spans.forEach((later, index) => {
    for (const earlier of spans.slice(0, index)) {
      if (later.start < earlier.end) overlaps.push({ dateKey, timeKey: later.timeKey, overlapsWith: earlier.timeKey });
    }
  });
  return overlaps;
}

/**
 * Sorts the original's blob; throws when it is not an object keyed by date at all.
 * `{ "2026-02-14": { "07:00": {user:"Jack",duration:3}, "08:00": {...}, "09:00": "x" } }` →
 * two bookings stored, one overlap (08:00 with 07:00), one malformed (09:00).
 */
export function planLegacyImport(raw: unknown): LegacyImportPlan {
  if (!isPlainObject(raw))
    throw new LegacyBlobError('Legacy bookings must be a JSON object keyed by date (PRODUCT.md §5.1)');
  const bookings: Record<string, Partial<Record<TimeKey, Booking>>> = {};
  const malformed: LegacyMalformed[] = [];
  const overlaps: LegacyOverlap[] = [];
  let count = 0;
  for (const [dateKey, day] of Object.entries(raw)) {
    if (!isDateKey(dateKey)) {
      malformed.push({ dateKey, value: day, reason: 'date is not a real YYYY-MM-DD date' });
      continue;
    }
    if (!isPlainObject(day)) {
      malformed.push({ dateKey, value: day, reason: 'date entry is not an object keyed by time' });
      continue;
    }
    const kept: Partial<Record<TimeKey, Booking>> = {};
    for (const [timeKey, value] of Object.entries(day)) {
      const reason = problemOf(timeKey, value);
      if (reason) {
        malformed.push({ dateKey, timeKey, value, reason });
        continue;
      }
      const { user, duration } = value as unknown as Booking;
      kept[timeKey as TimeKey] = { user, duration };
      count += 1;
    }
    if (Object.keys(kept).length === 0) continue;
    bookings[dateKey] = kept;
    overlaps.push(...overlapsOf(dateKey, kept));
  }
  return { bookings: bookings as BookingsBlob, count, overlaps, malformed };
}

/** Flattens a blob to `date, time, json` triples, the argument shape of the Redis scripts. */
export function bookingTriples(bookings: BookingsBlob): string[] {
  const triples: string[] = [];
  for (const [dateKey, day] of Object.entries(bookings) as [DateKey, Partial<Record<TimeKey, Booking>>][]) {
    for (const [timeKey, booking] of Object.entries(day ?? {})) {
      if (booking) triples.push(dateKey, timeKey, JSON.stringify({ user: booking.user, duration: booking.duration }));
    }
  }
  return triples;
}

/** One log line for a report, e.g. `Legacy migration (cps-software): moved 412 bookings; 1 overlap …`. */
export function describeMigration(slug: string, report: MigrationReport): string {
  if (report.status !== 'migrated') return `Legacy migration (${slug}): ${report.status.replaceAll('-', ' ')}`;
  const parts = [`moved ${report.migrated} bookings`];
  if (report.overlaps.length > 0) {
    const pairs = report.overlaps.map((o) => `${o.dateKey} ${o.timeKey}/${o.overlapsWith}`).join(', ');
    parts.push(`${report.overlaps.length} overlapping kept as stored (${pairs})`);
  }
  if (report.malformed.length > 0) {
    const where = report.malformed.map((m) => `${m.dateKey}${m.timeKey ? ` ${m.timeKey}` : ''}: ${m.reason}`);
    parts.push(`${report.malformed.length} malformed left in ${report.backupKey} (${where.join('; ')})`);
  }
  if (report.keptInBackup.length > 0) {
    parts.push(`${report.keptInBackup.length} slots already taken, left in ${report.backupKey}`);
  }
  return `Legacy migration (${slug}): ${parts.join('; ')}`;
}

/**
 * Moves the original's blob of `slug` into the store's layout once, atomically, and logs the
 * outcome, after upgrading bookings an older Hourbook stored in a layout it no longer reads
 * (`upgradeLayout`); call it at start-up. Stores without the original's key layout (SQLite) report
 * `not-applicable`: use `importBookings` from a file there.
 */
export async function migrateLegacyBookings(
  store: Store,
  slug: string,
  log: (line: string) => void = console.log,
): Promise<MigrationReport> {
  // An older Hourbook's layout first, so the legacy import meets the bookings where they now live.
  const upgrade = await store.migrations.upgradeLayout(slug);
  if (upgrade.status === 'upgraded') {
    log(`Layout upgrade (${slug}): moved ${upgrade.bookings} bookings of ${upgrade.days} days to the tagged keys`);
  }
  const report = await store.migrations.migrateLegacy(slug);
  if (report.status !== 'not-applicable') log(describeMigration(slug, report));
  return report;
}
