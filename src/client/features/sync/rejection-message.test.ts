import { describe, expect, it } from 'vitest';
import type { DateKey, TimeKey } from '../../../core/time.js';
import type { WriteOp } from '../../lib/write-op.js';
import { describeRejection } from './rejection-message.js';

const dateKey = '2026-11-24' as DateKey;
const create: WriteOp = {
  id: '1',
  kind: 'create',
  dateKey,
  timeKey: '10:00' as TimeKey,
  booking: { user: 'Jack', duration: 2 },
};

describe('describeRejection', () => {
  it('names who took the hour after a lost race', () => {
    const blob = { [dateKey]: { '10:00': { user: 'Bonnie', duration: 1 } } };
    expect(describeRejection(create, 409, 'Slot already booked', blob)).toBe('10:00 was just booked by Bonnie');
  });

  it('names the later hour a longer booking ran into', () => {
    const blob = { [dateKey]: { '11:00': { user: 'Rue', duration: 1 } } };
    expect(describeRejection(create, 409, 'Slot 11:00 conflicts with booking duration', blob)).toBe(
      '11:00 was just booked by Rue',
    );
  });

  it('explains an extension blocked by a neighbour', () => {
    const op: WriteOp = { id: '2', kind: 'update', dateKey, timeKey: '10:00' as TimeKey, updates: { duration: 3 } };
    const blob = { [dateKey]: { '10:00': { user: 'Jack', duration: 2 }, '12:00': { user: 'Joel', duration: 1 } } };
    expect(describeRejection(op, 409, 'Cannot extend: slot 12:00 is already booked', blob)).toBe(
      'Cannot extend: 12:00 was just booked by Joel',
    );
  });

  it('reports a vanished booking and passes other errors through', () => {
    const op: WriteOp = { id: '3', kind: 'delete', dateKey, timeKey: '10:00' as TimeKey };
    expect(describeRejection(op, 404, 'Booking not found', {})).toBe('The 10:00 booking was already removed');
    expect(describeRejection(create, 500, 'Internal server error', {})).toBe('Could not save: Internal server error');
  });

  it('says which offline change failed', () => {
    const blob = { [dateKey]: { '10:00': { user: 'Bonnie', duration: 1 } } };
    expect(describeRejection({ ...create, offline: true }, 409, 'Slot already booked', blob)).toBe(
      'Offline change for 2026-11-24 not saved: 10:00 was just booked by Bonnie',
    );
  });
});
