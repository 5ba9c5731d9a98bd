/**
 * What is wrong with the stored data, as last seen (PRODUCT.md §5.1, issue 7 §5.1): a damaged
 * value is left out and reported here, logged once when first seen, listed by `/api/health`, and
 * dropped once a later read finds it mended.
 */
import type { DateRange } from '../core/requests.js';
import type { DamagedBooking } from '../storage/store.js';

export interface StoredProblems {
  /** Records problem `id` (logging `message` once, when new). */
  report(id: string, message: string): void;
  /** Forgets problem `id`: the value is readable again. */
  clear(id: string): void;
  /** Replaces the booking problems within `range` (all dates when absent) by those a read found. */
  noteBookings(range: DateRange | undefined, damaged: readonly DamagedBooking[]): void;
  /** Every current problem, e.g. `["instance config for cps-software is not valid JSON"]`. */
  list(): string[];
}

const BOOKING_PREFIX = 'booking:';

/** A register for instance `slug` that logs through `warn`. */
export function createStoredProblems(slug: string, warn: (line: string) => void = console.warn): StoredProblems {
  const problems = new Map<string, string>();
  const register: StoredProblems = {
    report(id, message) {
      if (problems.get(id) === message) return;
      problems.set(id, message);
      warn(`Stored data: ${message}`);
    },
    clear(id) {
      problems.delete(id);
    },
    noteBookings(range, damaged) {
      for (const id of problems.keys()) {
        if (!id.startsWith(BOOKING_PREFIX)) continue;
        const dateKey = id.slice(BOOKING_PREFIX.length, BOOKING_PREFIX.length + 10);
        if (!range || (dateKey >= range.from && dateKey <= range.to)) problems.delete(id);
      }
      for (const entry of damaged) {
        register.report(
          `${BOOKING_PREFIX}${entry.dateKey} ${entry.timeKey}`,
          `booking ${entry.dateKey} ${entry.timeKey} of ${slug} is left out: ${entry.reason}`,
        );
      }
    },
    list: () => [...problems.values()],
  };
  return register;
}
