/**
 * The duration choices of the panel and the popup (PRODUCT.md §2.5, §6.9–§6.10): every whole hour
 * from 1 to the instance's maximum, each enabled only when the rules allow it.
 */
import { canBook, canChangeDuration } from '../../core/bookings.js';
import type { DayBookings } from '../../core/bookings.js';
import { formatHours } from '../../core/format.js';
import type { BookingRules } from '../../core/rules.js';

export interface DurationOption {
  hours: number;
  label: string;
  /** Digit hotkey, for 1–9 only. */
  hotkey?: string;
  enabled: boolean;
}

/** `1 hour`, `2 hours`, … */
export function durationLabel(hours: number): string {
  return formatHours(hours);
}

function option(hours: number, enabled: boolean): DurationOption {
  return { hours, label: durationLabel(hours), hotkey: hours <= 9 ? String(hours) : undefined, enabled };
}

function range(max: number): number[] {
  return Array.from({ length: max }, (_, index) => index + 1);
}

/** Panel choices at `start`: all disabled until a person is chosen or once the slot has passed. */
export function createOptions(
  day: DayBookings,
  start: number,
  rules: Pick<BookingRules, 'closeHour' | 'maxDuration'>,
  personChosen: boolean,
  past: boolean,
): DurationOption[] {
  return range(rules.maxDuration).map((hours) =>
    option(hours, personChosen && !past && canBook(day, start, hours, rules)),
  );
}

/** Popup choices for the booking at `start`: shrink always, extend only into free hours, never past closing. */
export function changeOptions(
  day: DayBookings,
  start: number,
  rules: Pick<BookingRules, 'closeHour' | 'maxDuration'>,
): DurationOption[] {
  return range(rules.maxDuration).map((hours) => option(hours, canChangeDuration(day, start, hours, rules)));
}
