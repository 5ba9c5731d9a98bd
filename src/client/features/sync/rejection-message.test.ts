import { describe, expect, it } from 'vitest';
import type { DateKey, TimeKey } from '../../../core/time.js';
import type { WriteOp } from '../../lib/write-op.js';
import { describeRejection, describeReplaySaved } from './rejection-message.js';

const dateKey = '2026-12-03' as DateKey;
const inBusinessZone = () => 0;
/** Sydney one hour ahead of Brisbane, as in summer (PRODUCT.md §2.7). */
const inSydney = () => 60;
const create: WriteOp = {
  id: '1',
  kind: 'create',
  dateKey,
  timeKey: '10:00' as TimeKey,
  booking: { user: 'Jack', duration: 2 },
};
const after = (blob: Record<string, unknown>) => ({ before: {}, after: { [dateKey]: blob } as never });

describe('describeRejection', () => {
  it('names who took the hour after a lost race, as the calendar writes it', () => {
    const context = after({ '10:00': { user: 'Bonnie', duration: 1 } });
    expect(describeRejection(create, 409, 'Slot already booked', context, inBusinessZone)).toBe(
      '10:00 AM was just booked by Bonnie',
    );
  });

  it('writes the time in the zone the calendar shows', () => {
    const context = after({ '10:00': { user: 'Bonnie', duration: 1 } });
    expect(describeRejection(create, 409, 'Slot already booked', context, inSydney)).toBe(
      '11:00 AM was just booked by Bonnie',
    );
  });

  it('names the later hour a longer booking ran into', () => {
    const context = after({ '11:00': { user: 'Rue', duration: 1 } });
    expect(describeRejection(create, 409, 'Slot 11:00 conflicts with booking duration', context, inBusinessZone)).toBe(
      '11:00 AM was just booked by Rue',
    );
  });

  it('explains an extension blocked by a neighbour', () => {
    const op: WriteOp = { id: '2', kind: 'update', dateKey, timeKey: '10:00' as TimeKey, updates: { duration: 3 } };
    const context = after({ '10:00': { user: 'Jack', duration: 2 }, '12:00': { user: 'Joel', duration: 1 } });
    expect(describeRejection(op, 409, 'Cannot extend: slot 12:00 is already booked', context, inBusinessZone)).toBe(
      'Cannot extend: 12:00 PM was just booked by Joel',
    );
  });

  it("quotes a move's refusal with its hour rewritten for the target date's zone", () => {
    const op: WriteOp = {
      id: '4',
      kind: 'move',
      dateKey,
      timeKey: '10:00' as TimeKey,
      to: { dateKey, timeKey: '14:00' as TimeKey },
      updates: {},
    };
    expect(describeRejection(op, 409, 'Cannot move: slot 14:00 is already booked', after({}), inSydney)).toBe(
      'Cannot move: slot 3:00 PM is already booked',
    );
  });

  it('reports a vanished booking and passes other errors through', () => {
    const op: WriteOp = { id: '3', kind: 'delete', dateKey, timeKey: '10:00' as TimeKey };
    expect(describeRejection(op, 404, 'Booking not found', after({}), inBusinessZone)).toBe(
      'The 10:00 AM booking was already removed',
    );
    expect(describeRejection(create, 500, 'Internal server error', after({}), inBusinessZone)).toBe(
      'Could not save: Internal server error',
    );
  });

  it('says which offline booking failed: who, when and how long', () => {
    const context = after({ '10:00': { user: 'Rue', duration: 1 } });
    expect(describeRejection({ ...create, offline: true }, 409, 'Slot already booked', context, inBusinessZone)).toBe(
      'Offline booking for Jack, Thu 3 Dec 10 AM-12 PM (2 hours), was not saved: 10:00 AM was just booked by Rue',
    );
  });

  it('names the booking an offline change, move or deletion was for, from the state it was made against', () => {
    const before = { [dateKey]: { '10:00': { user: 'Jack', duration: 2 } } } as never;
    const context = { before, after: { [dateKey]: { '12:00': { user: 'Joel', duration: 1 } } } as never };
    const resize: WriteOp = {
      id: '5',
      kind: 'update',
      dateKey,
      timeKey: '10:00' as TimeKey,
      updates: { user: 'Bonnie', duration: 3 },
      offline: true,
    };
    expect(describeRejection(resize, 409, 'Cannot extend: slot 12:00 is already booked', context, inSydney)).toBe(
      "Offline change of Jack's booking to Bonnie, Thu 3 Dec 11 AM-2 PM (3 hours), was not saved: 1:00 PM was just booked by Joel",
    );
    const move: WriteOp = {
      id: '6',
      kind: 'move',
      dateKey,
      timeKey: '10:00' as TimeKey,
      to: { dateKey: '2026-12-04' as DateKey, timeKey: '14:00' as TimeKey },
      updates: {},
      offline: true,
    };
    expect(describeRejection(move, 409, 'Cannot move: slot 15:00 is already booked', context, inBusinessZone)).toBe(
      "Offline move of Jack's booking to Fri 4 Dec 2-4 PM (2 hours), was not saved: slot 3:00 PM is already booked",
    );
    const remove: WriteOp = { id: '7', kind: 'delete', dateKey, timeKey: '10:00' as TimeKey, offline: true };
    expect(describeRejection(remove, 400, 'Cannot delete a past booking', context, inBusinessZone)).toBe(
      "Offline deletion of Jack's booking, Thu 3 Dec 10 AM-12 PM (2 hours), was not saved: Cannot delete a past booking",
    );
  });
});

describe('describeReplaySaved', () => {
  it('counts the saved offline changes', () => {
    expect(describeReplaySaved(3)).toBe('3 offline changes saved');
    expect(describeReplaySaved(1)).toBe('1 offline change saved');
  });
});
