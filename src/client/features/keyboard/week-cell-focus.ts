/**
 * Keyboard focus over the week grid's cells (issue 9 §10): which cell a grid key leads to, as
 * pure date and hour maths. Moves stop at the grid's edges (WAI-ARIA grid pattern); only
 * PageUp/PageDown leave the week, keeping the day of the week and the hour.
 */
import { addDays, startOfWeek } from '../../../core/time.js';
import type { DateKey } from '../../../core/time.js';
import type { BookingRules } from '../../../core/rules.js';

/** A cell of the week grid: a date of the shown week and an hour of the day. */
export interface WeekCell {
  dateKey: DateKey;
  hour: number;
}

export type GridMove = 'up' | 'down' | 'left' | 'right' | 'week-start' | 'week-end' | 'previous-week' | 'next-week';

type Hours = Pick<BookingRules, 'openHour' | 'closeHour'>;

/** Keeps `hour` within the grid's rows, e.g. 23 → 21 when the day closes at 22:00. */
function clampHour(hour: number, hours: Hours): number {
  return Math.min(Math.max(hour, hours.openHour), hours.closeHour - 1);
}

/** The cell `move` leads to from `cell`; the same cell at an edge (Monday ← stays on Monday). */
export function nextWeekCell(cell: WeekCell, move: GridMove, hours: Hours): WeekCell {
  const monday = startOfWeek(cell.dateKey);
  const sunday = addDays(monday, 6);
  const hour = clampHour(cell.hour, hours);
  switch (move) {
    case 'up':
      return { dateKey: cell.dateKey, hour: clampHour(hour - 1, hours) };
    case 'down':
      return { dateKey: cell.dateKey, hour: clampHour(hour + 1, hours) };
    case 'left':
      return { dateKey: cell.dateKey === monday ? monday : addDays(cell.dateKey, -1), hour };
    case 'right':
      return { dateKey: cell.dateKey === sunday ? sunday : addDays(cell.dateKey, 1), hour };
    case 'week-start':
      return { dateKey: monday, hour };
    case 'week-end':
      return { dateKey: sunday, hour };
    case 'previous-week':
      return { dateKey: addDays(cell.dateKey, -7), hour };
    case 'next-week':
      return { dateKey: addDays(cell.dateKey, 7), hour };
  }
}

/**
 * The cell that takes Tab into the grid when none was focused yet: the viewed date at the
 * current hour on today (while open), else at opening time.
 */
export function entryWeekCell(
  currentDate: DateKey,
  now: { today: DateKey; hour: number },
  focusedHour: number | null,
  hours: Hours,
): WeekCell {
  if (focusedHour !== null) return { dateKey: currentDate, hour: clampHour(focusedHour, hours) };
  const hour = currentDate === now.today ? clampHour(now.hour, hours) : hours.openHour;
  return { dateKey: currentDate, hour };
}
