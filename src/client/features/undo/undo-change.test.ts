import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../core/rules.js';
import { instantOfWallClock } from '../../../core/time.js';
import type { DateKey, TimeKey } from '../../../core/time.js';
import { applyOp } from '../../lib/write-op.js';
import type { WriteChange, WriteOp } from '../../lib/write-op.js';
import { undoableOf } from './undo-change.js';

const TODAY = '2026-11-24' as DateKey;
const LATER = '2026-11-26' as DateKey;
const NOW = instantOfWallClock(TODAY, 10, DEFAULT_RULES.timeZone) + 20 * 60_000; // 10:20 Brisbane
const context = { rules: DEFAULT_RULES, now: NOW, offsetOf: () => 0 };
const at = (hour: number) => `${String(hour).padStart(2, '0')}:00` as TimeKey;
const blob = {
  [TODAY]: { [at(9)]: { user: 'Rue', duration: 2 } },
  [LATER]: { [at(10)]: { user: 'Jack', duration: 2 } },
};

/** The blob after `change`, then after its undo: an undo that works gives `blob` back. */
function roundTrip(change: WriteChange) {
  const sut = undoableOf(change, blob, context);
  const asOp = (value: WriteChange) => ({ ...value, id: 'x' }) as WriteOp;
  const changed = applyOp(blob, asOp(change), DEFAULT_RULES);
  return { sut, restored: sut ? applyOp(changed, asOp(sut.undo), DEFAULT_RULES) : undefined };
}

describe('undoableOf', () => {
  it('puts a deleted booking back exactly with a create', () => {
    const { sut, restored } = roundTrip({ kind: 'delete', dateKey: LATER, timeKey: at(10) });
    expect(sut?.text).toBe('Deleted Jack (10 AM-12 PM)');
    expect(sut?.undo).toEqual({
      kind: 'create',
      dateKey: LATER,
      timeKey: at(10),
      booking: { user: 'Jack', duration: 2 },
    });
    expect(restored).toEqual(blob);
  });

  it('gives back the user or the duration that a change replaced, and nothing else', () => {
    const reassigned = roundTrip({ kind: 'update', dateKey: LATER, timeKey: at(10), updates: { user: 'Bonnie' } });
    expect(reassigned.sut?.text).toBe("Gave Jack's booking (10 AM-12 PM) to Bonnie");
    expect(reassigned.sut?.undo).toMatchObject({ updates: { user: 'Jack' } });
    expect(reassigned.restored).toEqual(blob);
    const resized = roundTrip({ kind: 'update', dateKey: LATER, timeKey: at(10), updates: { duration: 3 } });
    expect(resized.sut?.text).toBe("Jack's booking is now 10 AM-1 PM");
    expect(resized.sut?.undo).toMatchObject({ updates: { duration: 2 } });
    expect(resized.restored).toEqual(blob);
  });

  it('moves a moved booking back to where it was', () => {
    const { sut, restored } = roundTrip({
      kind: 'move',
      dateKey: LATER,
      timeKey: at(10),
      to: { dateKey: TODAY, timeKey: at(14) },
      updates: {},
    });
    expect(sut?.text).toBe("Moved Jack's booking to 2-4 PM on Tuesday, November 24, 2026");
    expect(sut?.undo).toEqual({
      kind: 'move',
      dateKey: TODAY,
      timeKey: at(14),
      to: { dateKey: LATER, timeKey: at(10) },
      updates: {},
    });
    expect(restored).toEqual(blob);
  });

  it('offers nothing for a create, a missing booking, or a slot that has ended (the server would refuse it)', () => {
    expect(
      undoableOf(
        { kind: 'create', dateKey: LATER, timeKey: at(14), booking: { user: 'Jack', duration: 1 } },
        blob,
        context,
      ),
    ).toBeNull();
    expect(undoableOf({ kind: 'delete', dateKey: LATER, timeKey: at(14) }, blob, context)).toBeNull();
    expect(undoableOf({ kind: 'delete', dateKey: TODAY, timeKey: at(9) }, blob, context)).toBeNull();
    const moveAway = {
      kind: 'move',
      dateKey: TODAY,
      timeKey: at(9),
      to: { dateKey: LATER, timeKey: at(15) },
      updates: {},
    } as const;
    expect(undoableOf(moveAway, blob, context)).toBeNull();
  });
});
