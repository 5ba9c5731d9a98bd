import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../core/rules.js';
import type { DateKey, TimeKey } from '../../core/time.js';
import { applyOp, isWriteOp, requestBodyOf } from './write-op.js';
import type { WriteOp } from './write-op.js';

const DAY = '2026-11-26' as DateKey;
const NEXT = '2026-11-27' as DateKey;
const move = (from: string, to: { dateKey?: DateKey; timeKey: string }, updates = {}): WriteOp => ({
  id: 'm1',
  kind: 'move',
  dateKey: DAY,
  timeKey: from as TimeKey,
  to: { dateKey: to.dateKey ?? DAY, timeKey: to.timeKey as TimeKey },
  updates,
});
const blob = { [DAY]: { '09:00': { user: 'Jack', duration: 3 }, '13:00': { user: 'Rue', duration: 1 } } };

describe('a move op', () => {
  it('shows the booking at its new slot, over its own hours, with the updates merged', () => {
    expect(applyOp(blob, move('09:00', { timeKey: '10:00' }, { user: 'Bonnie' }), DEFAULT_RULES)).toEqual({
      [DAY]: { '10:00': { user: 'Bonnie', duration: 3 }, '13:00': { user: 'Rue', duration: 1 } },
    });
    expect(applyOp(blob, move('13:00', { dateKey: NEXT, timeKey: '13:00' }), DEFAULT_RULES)).toEqual({
      [DAY]: { '09:00': { user: 'Jack', duration: 3 } },
      [NEXT]: { '13:00': { user: 'Rue', duration: 1 } },
    });
  });

  it('leaves the blob as it is when the new hours are taken by another booking', () => {
    expect(applyOp(blob, move('09:00', { timeKey: '11:00' }), DEFAULT_RULES)).toBe(blob);
  });

  it('is sent as an update naming the new date and hour, and read back from storage as an op', () => {
    const sut = move('09:00', { dateKey: NEXT, timeKey: '15:00' }, { duration: 2 });
    expect(requestBodyOf(sut)).toEqual({
      dateKey: DAY,
      timeKey: '09:00',
      updates: { duration: 2, dateKey: NEXT, timeKey: '15:00' },
    });
    expect(isWriteOp(JSON.parse(JSON.stringify(sut)))).toBe(true);
    expect(isWriteOp({ ...sut, to: { dateKey: NEXT, timeKey: '9:00' } })).toBe(false);
  });
});
