/**
 * Calendar and time-zone arithmetic on plain strings and epoch milliseconds.
 * Pure: the current instant is always passed in (PRODUCT.md §2.1).
 */

/** A Brisbane-style calendar date `YYYY-MM-DD`, e.g. `2026-02-14`. */
export type DateKey = string & { readonly __brand: 'DateKey' };
/** A zero-padded slot start `HH:00`, e.g. `09:00`. */
export type TimeKey = string & { readonly __brand: 'TimeKey' };

const DATE_KEY_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_KEY_SHAPE = /^(\d{2}):00$/;

/** True for a real calendar date in `YYYY-MM-DD` form: `2026-02-28` yes, `2026-02-30` no. */
export function isDateKey(value: unknown): value is DateKey {
  if (typeof value !== 'string') return false;
  const match = DATE_KEY_SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** True for the `HH:00` shape with an hour 00–23; operating hours are checked separately. */
export function isTimeKey(value: unknown): value is TimeKey {
  if (typeof value !== 'string') return false;
  const match = TIME_KEY_SHAPE.exec(value);
  return match !== null && Number(match[1]) <= 23;
}

/** The hour of a time key: `09:00` → 9. */
export function hourOfTimeKey(timeKey: TimeKey): number {
  return Number(timeKey.slice(0, 2));
}

/** The time key of an hour: 9 → `09:00`. */
export function timeKeyOfHour(hour: number): TimeKey {
  return `${String(hour).padStart(2, '0')}:00` as TimeKey;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function dateKeyOfUtcDate(date: Date): DateKey {
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  return `${year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}` as DateKey;
}

function utcDateOfKey(dateKey: DateKey): Date {
  const [year, month, day] = dateKey.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date;
}

/** The date `days` after `dateKey` (negative goes back): `2026-02-28` + 1 → `2026-03-01`. */
export function addDays(dateKey: DateKey, days: number): DateKey {
  const date = utcDateOfKey(dateKey);
  date.setUTCDate(date.getUTCDate() + days);
  return dateKeyOfUtcDate(date);
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(dateKey: DateKey): number {
  return utcDateOfKey(dateKey).getUTCDay();
}

/** The Monday of the Monday–Sunday week holding `dateKey`: Sun 2026-02-22 → Mon 2026-02-16. */
export function startOfWeek(dateKey: DateKey): DateKey {
  return addDays(dateKey, -((weekdayOf(dateKey) + 6) % 7));
}

/** Wall-clock fields of an instant in an IANA zone. */
export interface ZonedParts {
  dateKey: DateKey;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the platform knows the IANA zone name, e.g. `Australia/Brisbane`. */
export function isTimeZone(value: string): boolean {
  try {
    formatterFor(value);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of `instant` (epoch ms) in `timeZone`. */
export function zonedParts(instant: number, timeZone: string): ZonedParts {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = String(fields.year).padStart(4, '0');
  return {
    dateKey: `${year}-${pad2(fields.month ?? 1)}-${pad2(fields.day ?? 1)}` as DateKey,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
    millisecond: ((instant % 1000) + 1000) % 1000,
  };
}

/** The zone's offset from UTC in minutes at `instant`: Brisbane → 600, Sydney in January → 660. */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const parts = zonedParts(instant, timeZone);
  const asUtc = utcDateOfKey(parts.dateKey).getTime() + parts.hour * 3_600_000 + parts.minute * 60_000;
  const flooredInstant = Math.floor(instant / 60_000) * 60_000;
  return Math.round((asUtc - flooredInstant) / 60_000);
}

/** The instant at which the wall clock in `timeZone` shows `dateKey` `hour`:00 (hour may be 24). */
export function instantOfWallClock(dateKey: DateKey, hour: number, timeZone: string): number {
  const wallAsUtc = utcDateOfKey(dateKey).getTime() + hour * 3_600_000;
  // Two passes settle the offset even when the guess lands across a DST change.
  let instant = wallAsUtc - zoneOffsetMinutes(wallAsUtc, timeZone) * 60_000;
  instant = wallAsUtc - zoneOffsetMinutes(instant, timeZone) * 60_000;
  return instant;
}

/** Milliseconds from `now` to the next full hour in `timeZone` (PRODUCT.md §6.4). */
export function msUntilNextHour(now: number, timeZone: string): number {
  const parts = zonedParts(now, timeZone);
  return (60 - parts.minute) * 60_000 - parts.second * 1000 - parts.millisecond;
}
