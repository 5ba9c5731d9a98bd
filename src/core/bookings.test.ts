import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bookingCovering,
  canBook,
  canChangeDuration,
  createConflictMessage,
  extendConflictMessage,
  findCreateConflict,
  findDurationConflict,
  findMoveConflict,
  isSlotPast,
  moveConflictMessage,
  slotOccupancy,
  withBooking,
  withoutBooking,
} from './bookings.js';
import type { BookingsBlob, DayBookings } from './bookings.js';
import { DEFAULT_RULES } from './rules.js';
import { hourOfTimeKey, timeKeyOfHour } from './time.js';
import type { DateKey, TimeKey } from './time.js';

const RULES = DEFAULT_RULES;
const day = (entries: Record<string, [string, number]>): DayBookings =>
  Object.fromEntries(Object.entries(entries).map(([time, [user, duration]]) => [time, { user, duration }]));
const D = '2026-02-14' as DateKey;

describe('slotOccupancy', () => {
  it('marks the start booked, covered hours blocked and the hour after available (09:00 × 3)', () => {
    const sut = day({ '09:00': ['Jack', 3] });
    expect([9, 10, 11, 12].map((hour) => slotOccupancy(sut, hour))).toEqual([
      'booked',
      'blocked',
      'blocked',
      'available',
    ]);
    expect(bookingCovering(sut, 11)?.start).toBe(9);
  });
});

describe('findCreateConflict', () => {
  it('rejects a start covered by an earlier multi-hour booking (the original missed this)', () => {
    expect(findCreateConflict(day({ '09:00': ['Jack', 4] }), 11, 1, RULES)).toEqual({ kind: 'start-taken' });
  });
  it('names the first later hour that is taken', () => {
    const conflict = findCreateConflict(day({ '11:00': ['Jack', 1], '12:00': ['Rue', 1] }), 9, 4, RULES);
    expect(conflict).toEqual({ kind: 'hour-taken', hour: 11 });
    expect(createConflictMessage(conflict!)).toBe('Slot 11:00 conflicts with booking duration');
  });
  it('allows back-to-back bookings: [9, 11) and [11, 13) do not overlap', () => {
    expect(canBook(day({ '09:00': ['Jack', 2] }), 11, 2, RULES)).toBe(true);
    expect(canBook(day({ '11:00': ['Jack', 2] }), 9, 2, RULES)).toBe(true);
  });
  it('refuses bookings that end after closing: 21:00 fits 1 h, 20:00 fits 2 h', () => {
    expect(canBook({}, 21, 1, RULES)).toBe(true);
    expect(canBook({}, 21, 2, RULES)).toBe(false);
    expect(canBook({}, 20, 2, RULES)).toBe(true);
    expect(findCreateConflict({}, 20, 3, RULES)).toEqual({ kind: 'past-closing' });
  });
  it('says "Slot already booked" when the start hour is taken', () => {
    expect(createConflictMessage(findCreateConflict(day({ '09:00': ['Jack', 1] }), 9, 1, RULES)!)).toBe(
      'Slot already booked',
    );
  });
});

describe('findDurationConflict', () => {
  const sut = day({ '10:00': ['Jack', 2], '12:00': ['Rue', 1] });
  it('always allows shrinking and keeping the same length', () => {
    expect(canChangeDuration(sut, 10, 1, RULES)).toBe(true);
    expect(canChangeDuration(sut, 10, 2, RULES)).toBe(true);
  });
  it('blocks an extension into the adjacent booking and names the hour', () => {
    const conflict = findDurationConflict(sut, 10, 3, RULES);
    expect(conflict).toEqual({ kind: 'hour-taken', hour: 12 });
    expect(extendConflictMessage(conflict!)).toBe('Cannot extend: slot 12:00 is already booked');
  });
  it('never lets a booking block itself', () => {
    expect(canChangeDuration(day({ '10:00': ['Jack', 2] }), 10, 8, RULES)).toBe(true);
  });
  it('refuses extending past closing', () => {
    expect(canChangeDuration(day({ '20:00': ['Jack', 1] }), 20, 3, RULES)).toBe(false);
  });
});

describe('findMoveConflict', () => {
  const sut = day({ '09:00': ['Jack', 3], '13:00': ['Rue', 1] });
  it('lets a booking move over its own hours on its date, never over another one', () => {
    expect(findMoveConflict(sut, 10, 3, RULES, 9)).toBeUndefined();
    expect(findMoveConflict(sut, 11, 3, RULES, 9)).toEqual({ kind: 'hour-taken', hour: 13 });
  });
  it('checks every hour, the start included, on another date', () => {
    expect(findMoveConflict(sut, 10, 1, RULES)).toEqual({ kind: 'hour-taken', hour: 10 });
    expect(findMoveConflict(sut, 12, 1, RULES)).toBeUndefined();
  });
  it('refuses a move that would end after closing, with its own words', () => {
    const conflict = findMoveConflict({}, 21, 2, RULES);
    expect(conflict).toEqual({ kind: 'past-closing' });
    expect(moveConflictMessage(conflict!, RULES)).toBe('Cannot move: booking must end by 22:00');
    expect(moveConflictMessage({ kind: 'hour-taken', hour: 13 }, RULES)).toBe(
      'Cannot move: slot 13:00 is already booked',
    );
  });
});

describe('isSlotPast', () => {
  const at = (iso: string) => Date.parse(iso);
  it('keeps the current hour bookable until hh:59:59.999 Brisbane (end-of-hour rule)', () => {
    expect(isSlotPast(D, 9, at('2026-02-13T23:59:47+00:00'), 'Australia/Brisbane')).toBe(false);
    expect(isSlotPast(D, 9, at('2026-02-13T23:59:59.999Z'), 'Australia/Brisbane')).toBe(false);
    expect(isSlotPast(D, 9, at('2026-02-14T00:00:00.000Z'), 'Australia/Brisbane')).toBe(true);
  });
  it('treats earlier dates as past and later dates as not', () => {
    const now = at('2026-02-14T00:30:00Z');
    expect(isSlotPast('2026-02-13' as DateKey, 21, now, 'Australia/Brisbane')).toBe(true);
    expect(isSlotPast('2026-02-15' as DateKey, 6, now, 'Australia/Brisbane')).toBe(false);
  });
});

describe('withoutBooking', () => {
  it('drops the date key with its last booking (never stores {})', () => {
    const blob: BookingsBlob = withBooking({}, D, '09:00' as TimeKey, { user: 'Jack', duration: 1 });
    expect(withoutBooking(blob, D, '09:00' as TimeKey)).toEqual({});
  });
});

type Op =
  | { kind: 'create'; start: number; duration: number }
  | { kind: 'resize'; pick: number; duration: number }
  | { kind: 'delete'; pick: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    start: fc.integer({ min: 6, max: 21 }),
    duration: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ kind: fc.constant('resize' as const), pick: fc.nat(), duration: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

function occupiedHours(sut: DayBookings): number[] {
  return Object.entries(sut).flatMap(([time, booking]) =>
    Array.from({ length: booking!.duration }, (_, offset) => hourOfTimeKey(time as TimeKey) + offset),
  );
}

describe('booking rules under any sequence of operations', () => {
  it('never leave two bookings overlapping or a booking past closing', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 60 }), (ops) => {
        let blob: BookingsBlob = {};
        for (const op of ops) {
          const current = blob[D] ?? {};
          const starts = Object.keys(current).sort();
          if (op.kind === 'create' && canBook(current, op.start, op.duration, RULES)) {
            blob = withBooking(blob, D, timeKeyOfHour(op.start), { user: 'Jack', duration: op.duration });
          } else if (op.kind !== 'create' && starts.length > 0) {
            const timeKey = starts[op.pick % starts.length] as TimeKey;
            if (op.kind === 'delete') blob = withoutBooking(blob, D, timeKey);
            else if (canChangeDuration(current, hourOfTimeKey(timeKey), op.duration, RULES)) {
              blob = withBooking(blob, D, timeKey, { user: 'Jack', duration: op.duration });
            }
          }
          const hours = occupiedHours(blob[D] ?? {});
          expect(new Set(hours).size).toBe(hours.length);
          expect(hours.every((hour) => hour >= RULES.openHour && hour < RULES.closeHour)).toBe(true);
          if (blob[D]) expect(Object.keys(blob[D]!).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
