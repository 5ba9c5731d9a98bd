/** The display shift for a date: 0 in the business zone, else the secondary zone's lead (§2.7). */
import { displayOffsetMinutes } from '../../../core/format.js';
import type { BookingRules } from '../../../core/rules.js';
import type { DateKey } from '../../../core/time.js';

export function displayOffsetFor(dateKey: DateKey, rules: BookingRules, useSecondary: boolean): number {
  if (!useSecondary) return 0;
  return displayOffsetMinutes(dateKey, rules.timeZone, rules.secondaryTimeZone, rules.openHour);
}
