/**
 * What a day shows (PRODUCT.md §2.4, §6.4–§6.6, §6.11): which hours are rendered and in what
 * state, where booking blocks sit and how they are clipped, focus candidates and Book Now.
 */
import { bookingCovering, isSlotPast } from '../../../core/bookings.js';
import type { Booking, BookingsBlob, DayBookings, SlotOccupancy } from '../../../core/bookings.js';
import type { BookingRules } from '../../../core/rules.js';
import { hourOfTimeKey, zonedParts } from '../../../core/time.js';
import type { DateKey, TimeKey } from '../../../core/time.js';

type Rules = Pick<BookingRules, 'openHour' | 'closeHour' | 'timeZone'>;

export interface HourRow {
  hour: number;
  occupancy: SlotOccupancy;
  past: boolean;
  /** The booking covering the hour, if any, and where it starts. */
  holder?: { start: number; booking: Booking };
}

export interface BlockModel {
  start: number;
  booking: Booking;
  /** First hour drawn: later than `start` when earlier hours are clipped (today). */
  visibleStart: number;
  end: number;
  /** Whole block lies on a past date: drawn dimmed and read-only. */
  readOnly: boolean;
}

/** How a date relates to today in the business zone. */
export type DayKind = 'past' | 'today' | 'future';

export function dayKindOf(dateKey: DateKey, today: DateKey): DayKind {
  if (dateKey === today) return 'today';
  return dateKey < today ? 'past' : 'future';
}

/** Today's date and current hour in the business zone at `now`. */
export function businessNow(now: number, rules: Pick<BookingRules, 'timeZone'>): { today: DateKey; hour: number } {
  const parts = zonedParts(now, rules.timeZone);
  return { today: parts.dateKey, hour: parts.hour };
}

/** Where the current time falls: a date, its hour row and how far into that hour (0 ≤ fraction < 1). */
export interface NowLine {
  dateKey: DateKey;
  hour: number;
  fraction: number;
}

/**
 * The now line at `now` (issue 9 §11), or null outside open hours: 10:20 in the business zone →
 * hour 10, a third of the way down. Rows are stored hours whatever zone their labels show, so
 * the place is the same in the secondary zone (its labels are the same instants, shifted).
 */
export function nowLineOf(now: number, rules: Rules): NowLine | null {
  const { dateKey, hour, minute, second } = zonedParts(now, rules.timeZone);
  if (hour < rules.openHour || hour >= rules.closeHour) return null;
  return { dateKey, hour, fraction: (minute * 60 + second) / 3600 };
}

/** Hour → covering booking for one day, built once per day (no per-cell scans). */
function hourIndex(day: DayBookings): Map<number, { start: number; booking: Booking }> {
  const index = new Map<number, { start: number; booking: Booking }>();
  for (const [timeKey, booking] of Object.entries(day) as [TimeKey, Booking][]) {
    const start = hourOfTimeKey(timeKey);
    for (let hour = start; hour < start + booking.duration; hour += 1) index.set(hour, { start, booking });
  }
  return index;
}

/** Every slot of the day with its occupancy and past flag (week view shows all of them). */
export function allRows(dateKey: DateKey, day: DayBookings, now: number, rules: Rules): HourRow[] {
  const index = hourIndex(day);
  const rows: HourRow[] = [];
  for (let hour = rules.openHour; hour < rules.closeHour; hour += 1) {
    const holder = index.get(hour);
    const occupancy: SlotOccupancy = !holder ? 'available' : holder.start === hour ? 'booked' : 'blocked';
    rows.push({ hour, occupancy, past: isSlotPast(dateKey, hour, now, rules.timeZone), holder });
  }
  return rows;
}

/** Day view rows: today hides ended hours (end-of-hour rule); other dates show every slot (§6.6). */
export function dayViewRows(dateKey: DateKey, day: DayBookings, now: number, rules: Rules, today: DateKey): HourRow[] {
  const rows = allRows(dateKey, day, now, rules);
  return dateKey === today ? rows.filter((row) => !row.past) : rows;
}

/**
 * One block per booking drawn from `firstHour` on: earlier hours are clipped and a booking
 * that ends by `firstHour` is not drawn (08:00 × 3 with first hour 9 → visible 9–11).
 */
export function blocksOf(day: DayBookings, firstHour: number, readOnly: boolean): BlockModel[] {
  const blocks: BlockModel[] = [];
  for (const [timeKey, booking] of Object.entries(day) as [TimeKey, Booking][]) {
    const start = hourOfTimeKey(timeKey);
    const end = start + booking.duration;
    if (end <= firstHour) continue;
    blocks.push({ start, booking, visibleStart: Math.max(start, firstHour), end, readOnly });
  }
  return blocks.sort((a, b) => a.start - b.start);
}

/** A row a create may start on: free and not ended (§2.4, §6.11). */
export function isBookable(row: HourRow): boolean {
  return row.occupancy === 'available' && !row.past;
}

/** Keyboard focus candidates: rendered rows that are available and not past (§6.11). */
export function focusCandidates(rows: readonly HourRow[]): number[] {
  return rows.filter(isBookable).map((row) => row.hour);
}

/**
 * What Enter on the week cell at `hour` opens (issue 9 §10), by the rules the day view's `rows`
 * and `blocks` already apply: the panel on a bookable hour, the popup of an editable booking
 * covering it, else nothing (an ended hour, a past date's booking).
 */
export function weekCellTarget(
  rows: readonly HourRow[],
  blocks: readonly BlockModel[],
  hour: number,
): { kind: 'slot' } | { kind: 'booking'; start: number } | null {
  const row = rows.find((candidate) => candidate.hour === hour);
  if (!row) return null;
  if (isBookable(row)) return { kind: 'slot' };
  const block = row.holder && blocks.find((candidate) => candidate.start === row.holder?.start);
  return block && !block.readOnly ? { kind: 'booking', start: block.start } : null;
}

/** Book Now's target: today's current hour when it is open and free, else null (§6.5). */
export function bookNowTarget(
  blob: BookingsBlob,
  now: number,
  rules: Rules,
): { dateKey: DateKey; hour: number } | null {
  const { today, hour } = businessNow(now, rules);
  if (hour < rules.openHour || hour >= rules.closeHour) return null;
  if (bookingCovering(blob[today] ?? {}, hour)) return null;
  return { dateKey: today, hour };
}
