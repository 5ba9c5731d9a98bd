/**
 * Display formatting for the calendar (PRODUCT.md §2.7–§2.8): hour labels, block ranges, long
 * dates and the display offset of the secondary time zone. Pure; no zod, no I/O, no clock.
 */
import { instantOfWallClock, weekdayOf, zoneOffsetMinutes } from './time.js';
import type { DateKey } from './time.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface ClockFace {
  hour12: number;
  minute: number;
  meridiem: 'AM' | 'PM';
}

/** Minutes after midnight → 12-hour clock face; wraps past midnight (1380 + 60 → 12:00 AM). */
function clockFace(minutesOfDay: number): ClockFace {
  const wrapped = ((minutesOfDay % 1440) + 1440) % 1440;
  const hour = Math.floor(wrapped / 60);
  return { hour12: hour % 12 === 0 ? 12 : hour % 12, minute: wrapped % 60, meridiem: hour < 12 ? 'AM' : 'PM' };
}

function hourText(face: ClockFace): string {
  return face.minute === 0 ? String(face.hour12) : `${face.hour12}:${String(face.minute).padStart(2, '0')}`;
}

/** Slot label of a stored hour shifted by `offsetMinutes`: (9) → `9:00 AM`, (21, 60) → `10:00 PM`. */
export function formatTimeLabel(hour: number, offsetMinutes = 0): string {
  const face = clockFace(hour * 60 + offsetMinutes);
  return `${face.hour12}:${String(face.minute).padStart(2, '0')} ${face.meridiem}`;
}

/** Short hour for sentences: (9) → `9 AM`, (12) → `12 PM`, (9, 30) → `9:30 AM`. */
export function formatHourShort(hour: number, offsetMinutes = 0): string {
  const face = clockFace(hour * 60 + offsetMinutes);
  return `${hourText(face)} ${face.meridiem}`;
}

/** Block range from start to end hour: (17, 19) → `5-7 PM`, (11, 13) → `11 AM-1 PM`. */
export function formatBlockRange(startHour: number, endHour: number, offsetMinutes = 0): string {
  const start = clockFace(startHour * 60 + offsetMinutes);
  const end = clockFace(endHour * 60 + offsetMinutes);
  if (start.meridiem === end.meridiem) return `${hourText(start)}-${hourText(end)} ${end.meridiem}`;
  return `${hourText(start)} ${start.meridiem}-${hourText(end)} ${end.meridiem}`;
}

/** Popup range: (9, 11) → `9:00 AM - 11:00 AM`. */
export function formatTimeRange(startHour: number, endHour: number, offsetMinutes = 0): string {
  return `${formatTimeLabel(startHour, offsetMinutes)} - ${formatTimeLabel(endHour, offsetMinutes)}`;
}

/** Whole hours for sentences and options: 1 → `1 hour`, 3 → `3 hours`. */
export function formatHours(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/**
 * Every stored hour key in a sentence, as the calendar shows it (issue 9 §4), e.g. a server error
 * quoted verbatim: (`Cannot move: slot 14:00 is already booked`, 60) → `… slot 3:00 PM …`.
 */
export function formatHourKeysIn(text: string, offsetMinutes = 0): string {
  return text.replace(/\b([01]\d|2[0-4]):00\b/g, (_, hour: string) => formatTimeLabel(Number(hour), offsetMinutes));
}

function dateParts(dateKey: DateKey): { year: number; month: number; day: number } {
  const [year, month, day] = dateKey.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** en-US long date: `2026-11-24` → `Tuesday, November 24, 2026`. */
export function formatLongDate(dateKey: DateKey): string {
  const { year, month, day } = dateParts(dateKey);
  return `${WEEKDAYS[weekdayOf(dateKey)]}, ${MONTHS[month - 1]} ${day}, ${year}`;
}

/** Month, day and year without the weekday: `2026-11-23` → `November 23, 2026`. */
export function formatMonthDayYear(dateKey: DateKey): string {
  const { year, month, day } = dateParts(dateKey);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

/** Three-letter weekday: `2026-11-23` → `Mon`. */
export function formatShortWeekday(dateKey: DateKey): string {
  return (WEEKDAYS[weekdayOf(dateKey)] ?? '').slice(0, 3);
}

/** Weekday, day and short month for the dialogs: `2026-12-03` → `Thu 3 Dec`. */
export function formatShortDate(dateKey: DateKey): string {
  const { month, day } = dateParts(dateKey);
  return `${formatShortWeekday(dateKey)} ${day} ${(MONTHS[month - 1] ?? '').slice(0, 3)}`;
}

/** Day of month: `2026-11-03` → 3. */
export function dayOfMonth(dateKey: DateKey): number {
  return dateParts(dateKey).day;
}

/**
 * Minutes the secondary zone is ahead of the primary one on `dateKey`, measured at `atHour`
 * (the opening hour, after any 02:00/03:00 DST switch): Sydney vs Brisbane in November → 60.
 */
export function displayOffsetMinutes(
  dateKey: DateKey,
  primaryZone: string,
  secondaryZone: string,
  atHour: number,
): number {
  const instant = instantOfWallClock(dateKey, atHour, primaryZone);
  return zoneOffsetMinutes(instant, secondaryZone) - zoneOffsetMinutes(instant, primaryZone);
}

/** Offset suffix of the time-zone toggle: 60 → `+1h`, 0 → `+0h`, −30 → `-0.5h`. */
export function formatOffsetHours(offsetMinutes: number): string {
  const hours = Math.round((offsetMinutes / 60) * 100) / 100;
  return `${hours < 0 ? '-' : '+'}${Math.abs(hours)}h`;
}
