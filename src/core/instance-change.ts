/**
 * Which bookings a config change would orphan (issue 10 §2): a booking from today on that fits
 * the config in force but not the new one, because its person left the roster, it starts before
 * the new opening hour, ends after the new closing hour, or is longer than the new maximum.
 */
import type { BookingsBlob } from './bookings.js';
import type { InstanceConfig } from './config.js';
import { rulesOf } from './rules.js';
import { hourOfTimeKey, isTimeKey } from './time.js';
import type { DateKey } from './time.js';

/** A booking a change affects, as the admin API reports it: `{ dateKey, timeKey, user, duration }`. */
export interface AffectedBooking {
  dateKey: string;
  timeKey: string;
  user: string;
  duration: number;
}

function fitsConfig(config: InstanceConfig, startHour: number, user: string, duration: number): boolean {
  const rules = rulesOf(config);
  return (
    config.users.some((member) => member.name === user) &&
    startHour >= rules.openHour &&
    startHour + duration <= rules.closeHour &&
    duration <= rules.maxDuration
  );
}

/**
 * The bookings on `fromDateKey` or later that fit `before` but not `after`, in date and time
 * order, e.g. removing Ann lists every booking of Ann's from today on; past days never count.
 */
export function findAffectedBookings(
  bookings: BookingsBlob,
  before: InstanceConfig,
  after: InstanceConfig,
  fromDateKey: DateKey,
): AffectedBooking[] {
  const affected: AffectedBooking[] = [];
  for (const dateKey of Object.keys(bookings).sort()) {
    if (dateKey < fromDateKey) continue;
    const day = bookings[dateKey] ?? {};
    for (const timeKey of Object.keys(day).sort()) {
      const booking = day[timeKey];
      if (!booking || !isTimeKey(timeKey)) continue;
      const hour = hourOfTimeKey(timeKey);
      if (
        fitsConfig(before, hour, booking.user, booking.duration) &&
        !fitsConfig(after, hour, booking.user, booking.duration)
      ) {
        affected.push({ dateKey, timeKey, user: booking.user, duration: booking.duration });
      }
    }
  }
  return affected;
}
