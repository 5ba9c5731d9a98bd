/**
 * The two file formats `hourbook export` writes and `hourbook import` reads:
 * - `hourbook`: `{"format":"hourbook-bookings","version":1,"instance","exportedAt","bookings":[…]}`,
 *   one `{dateKey,timeKey,user,duration}` entry per booking (the API's own field names);
 * - `original`: the original's blob `{"YYYY-MM-DD":{"HH:00":{"user","duration"}}}` (PRODUCT.md §5.1).
 * An import tells them apart by the `format` field, which can never be a date key of a blob.
 */
import type { Booking, BookingsBlob } from '../core/bookings.js';
import type { DateKey, TimeKey } from '../core/time.js';
import { planLegacyImport } from '../storage/legacy-migration.js';
import type { LegacyMalformed, LegacyOverlap } from '../storage/legacy-migration.js';

export const FILE_FORMATS = ['hourbook', 'original'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

const FORMAT_TAG = 'hourbook-bookings';
const FORMAT_VERSION = 1;

/** One booking with its slot, e.g. `{ dateKey: '2026-12-01', timeKey: '09:00', booking: { user: 'Ann', duration: 2 } }`. */
export interface SlotBooking {
  dateKey: DateKey;
  timeKey: TimeKey;
  booking: Booking;
}

/** What a bookings file holds, sorted: the storable bookings and what cannot be stored. */
export interface BookingsFile {
  format: FileFormat;
  /** Every storable booking, in date and time order. */
  entries: SlotBooking[];
  /** Pairs of bookings in the file whose hours overlap. */
  overlaps: LegacyOverlap[];
  /** Entries that are not bookings; never stored, always reported. */
  malformed: LegacyMalformed[];
}

/** A file that cannot be read as bookings at all; nothing was changed. */
export class BookingsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BookingsFileError';
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A checked blob's bookings (from `planLegacyImport` or a store) as a list in date and time
 * order: date keys and time keys sort as text.
 */
export function entriesOf(blob: BookingsBlob): SlotBooking[] {
  const entries: SlotBooking[] = [];
  for (const dateKey of Object.keys(blob).sort() as DateKey[]) {
    const day = blob[dateKey] ?? {};
    for (const timeKey of Object.keys(day).sort() as TimeKey[]) {
      const booking = day[timeKey];
      if (booking) entries.push({ dateKey, timeKey, booking: { user: booking.user, duration: booking.duration } });
    }
  }
  return entries;
}

/**
 * The Hourbook file's entries as a blob for the one validation of PRODUCT.md §5.1 entries
 * (`planLegacyImport`); entries without a string slot, or a slot given twice, are malformed.
 */
function blobOfHourbookEntries(raw: unknown[]): {
  blob: Record<string, Record<string, unknown>>;
  malformed: LegacyMalformed[];
} {
  // No prototype: a key such as `__proto__` in a file stays a plain (malformed) key.
  const blob = Object.create(null) as Record<string, Record<string, unknown>>;
  const malformed: LegacyMalformed[] = [];
  raw.forEach((value, index) => {
    if (!isPlainObject(value) || typeof value.dateKey !== 'string' || typeof value.timeKey !== 'string') {
      malformed.push({ dateKey: `bookings[${index}]`, value, reason: 'not an object with dateKey and timeKey' });
      return;
    }
    const { dateKey, timeKey, ...booking } = value;
    const day = (blob[dateKey] ??= Object.create(null) as Record<string, unknown>);
    if (timeKey in day) {
      malformed.push({ dateKey, timeKey, value, reason: 'the same slot appears twice in the file' });
      return;
    }
    day[timeKey] = booking;
  });
  return { blob, malformed };
}

/** Reads a bookings file's text in either format; throws `BookingsFileError` when it is neither. */
export function readBookingsFile(text: string): BookingsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BookingsFileError(`not valid JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(json)) {
    throw new BookingsFileError("must be a JSON object: an Hourbook export, or the original's blob keyed by date");
  }
  if (!('format' in json)) {
    const plan = planLegacyImport(json);
    return {
      format: 'original',
      entries: entriesOf(plan.bookings),
      overlaps: plan.overlaps,
      malformed: plan.malformed,
    };
  }
  if (json.format !== FORMAT_TAG || json.version !== FORMAT_VERSION) {
    throw new BookingsFileError(
      `unknown format ${JSON.stringify(json.format)} version ${JSON.stringify(json.version)}: expected "${FORMAT_TAG}" version ${FORMAT_VERSION}`,
    );
  }
  if (!Array.isArray(json.bookings)) throw new BookingsFileError('"bookings" must be a list');
  const { blob, malformed } = blobOfHourbookEntries(json.bookings);
  const plan = planLegacyImport(blob);
  return {
    format: 'hourbook',
    entries: entriesOf(plan.bookings),
    overlaps: plan.overlaps,
    malformed: [...malformed, ...plan.malformed],
  };
}

/** The text of an export of `blob` in `format`, ending with a newline. */
export function writeBookingsFile(
  format: FileFormat,
  blob: BookingsBlob,
  meta: { instance: string; exportedAt: Date },
): string {
  if (format === 'original') return `${JSON.stringify(blob, null, 2)}\n`;
  const header = {
    format: FORMAT_TAG,
    version: FORMAT_VERSION,
    instance: meta.instance,
    exportedAt: meta.exportedAt.toISOString(),
  };
  // One booking per line: a large export stays readable and diffs well.
  const lines = entriesOf(blob).map(
    ({ dateKey, timeKey, booking }) => `    ${JSON.stringify({ dateKey, timeKey, ...booking })}`,
  );
  return [
    '{',
    ...Object.entries(header).map(([name, value]) => `  ${JSON.stringify(name)}: ${JSON.stringify(value)},`),
    lines.length === 0 ? '  "bookings": []' : `  "bookings": [\n${lines.join(',\n')}\n  ]`,
    '}\n',
  ].join('\n');
}
