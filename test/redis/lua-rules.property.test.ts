/**
 * The Lua conflict check (src/storage/redis/lua-scripts.ts) must say exactly what the core's rule
 * says (src/core/bookings.ts): on random day states, overlapping legacy ones included, a create,
 * a duration change and a move through a real Redis give the core's answer and the core's 409 text
 * (STYLE.md 16: where a second language repeats a rule, a property holds the two together).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConflictMessage,
  extendConflictMessage,
  findCreateConflict,
  findDurationConflict,
  findMoveConflict,
  moveConflictMessage,
} from '../../src/core/bookings.js';
import type { DayBookings } from '../../src/core/bookings.js';
import { timeKeyOfHour } from '../../src/core/time.js';
import { slot, uniqueSlug } from '../support/factories.js';
import { shouldSkipRedis } from '../support/redis-server.js';
import { openBackend } from './backends.js';
import type { OpenBackend } from './backends.js';

const DAY = '2032-01-05';

/** A day as the store may hold it: any start hours, any durations, overlaps allowed (legacy data). */
const dayState = fc
  .dictionary(
    fc.integer({ min: 0, max: 23 }).map((hour) => timeKeyOfHour(hour)),
    fc.record({ user: fc.constantFrom('Jack', 'Rue', 'Ann'), duration: fc.integer({ min: 1, max: 12 }) }),
    { maxKeys: 8 },
  )
  .map((day) => day as DayBookings);

const closeHour = fc.integer({ min: 1, max: 24 });

/** What the store answered: `ok`, or the error's message. */
async function outcomeOf(work: Promise<unknown>): Promise<string> {
  return work.then(
    () => 'ok',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

describe.skipIf(shouldSkipRedis())('Lua conflict check against the core rule', () => {
  let backend: OpenBackend;
  beforeAll(async () => {
    backend = await openBackend('redis', { timeouts: 'patient' });
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('answers a create as findCreateConflict does, on any day state', async () => {
    await fc.assert(
      fc.asyncProperty(
        dayState,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 1, max: 12 }),
        closeHour,
        async (day, start, duration, close) => {
          const slug = uniqueSlug('prop');
          await backend.store.bookings.replace(slug, { [DAY]: day });
          const conflict = findCreateConflict(day, start, duration, { closeHour: close });
          const expected = conflict ? createConflictMessage(conflict) : 'ok';
          const booking = { user: 'Joel', duration };
          const sut = backend.store.bookings.create(slug, slot(DAY, timeKeyOfHour(start)), booking, {
            closeHour: close,
          });
          expect(await outcomeOf(sut)).toBe(expected);
          const stored = (await backend.store.bookings.list(slug)).bookings[DAY] ?? {};
          expect(stored).toEqual(conflict ? day : { ...day, [timeKeyOfHour(start)]: booking });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers a duration change as findDurationConflict does, on any day state', async () => {
    await fc.assert(
      fc.asyncProperty(
        dayState.filter((day) => Object.keys(day).length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 12 }),
        closeHour,
        async (day, pick, duration, close) => {
          const slug = uniqueSlug('prop');
          await backend.store.bookings.replace(slug, { [DAY]: day });
          const starts = Object.keys(day).sort();
          const timeKey = starts[pick % starts.length]!;
          const target = slot(DAY, timeKey);
          const conflict = findDurationConflict(day, target.hour, duration, { closeHour: close });
          const expected = conflict ? extendConflictMessage(conflict) : 'ok';
          const sut = backend.store.bookings.update(slug, target, { duration }, { closeHour: close });
          expect(await outcomeOf(sut)).toBe(expected);
          const stored = (await backend.store.bookings.list(slug)).bookings[DAY] ?? {};
          expect(stored).toEqual(conflict ? day : { ...day, [timeKey]: { ...day[timeKey]!, duration } });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers a move as findMoveConflict does, on its own date or the next, on any day states', async () => {
    const NEXT = '2032-01-06';
    await fc.assert(
      fc.asyncProperty(
        dayState.filter((day) => Object.keys(day).length > 0),
        dayState,
        fc.nat(),
        fc.boolean(),
        fc.integer({ min: 0, max: 23 }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        closeHour,
        async (day, next, pick, sameDate, start, duration, close) => {
          const slug = uniqueSlug('prop');
          await backend.store.bookings.replace(slug, { [DAY]: day, [NEXT]: next });
          const starts = Object.keys(day).sort();
          const from = slot(DAY, starts[pick % starts.length]!);
          const to = slot(sameDate ? DAY : NEXT, timeKeyOfHour(start));
          if (to.dateKey === from.dateKey && to.timeKey === from.timeKey) return;
          const moving = { ...day[from.timeKey]!, ...(duration === undefined ? {} : { duration }) };
          const rules = { closeHour: close };
          const targetDay = sameDate ? day : next;
          const conflict = findMoveConflict(targetDay, start, moving.duration, rules, sameDate ? from.hour : undefined);
          const changes = duration === undefined ? {} : { duration };
          const sut = backend.store.bookings.move(slug, from, to, changes, rules);
          expect(await outcomeOf(sut)).toBe(conflict ? moveConflictMessage(conflict, rules) : 'ok');
          const { [from.timeKey]: _moved, ...rest } = day;
          const expected = sameDate
            ? { [DAY]: { ...rest, [to.timeKey]: moving } }
            : { [DAY]: rest, [NEXT]: { ...next, [to.timeKey]: moving } };
          const stored = (await backend.store.bookings.list(slug)).bookings;
          expect({ [DAY]: stored[DAY] ?? {}, [NEXT]: stored[NEXT] ?? {} }).toEqual(
            conflict ? { [DAY]: day, [NEXT]: next } : { [NEXT]: next, ...expected },
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
