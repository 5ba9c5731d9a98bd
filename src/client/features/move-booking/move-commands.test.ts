import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../core/rules.js';
import { instantOfWallClock } from '../../../core/time.js';
import type { DateKey } from '../../../core/time.js';
import type { MoveState, UiEvent } from '../../lib/ui-state.js';
import type { WriteChange } from '../../lib/write-op.js';
import { moveCommands, movePreviewOf } from './move-commands.js';

const TODAY = '2026-11-24' as DateKey;
const LATER = '2026-11-26' as DateKey;
const NOW = instantOfWallClock(TODAY, 10, DEFAULT_RULES.timeZone) + 20 * 60_000; // 10:20 Brisbane
const blob = { [LATER]: { '09:00': { user: 'Jack', duration: 3 }, '14:00': { user: 'Rue', duration: 1 } } };
const from = { dateKey: LATER, hour: 9 };

function harness(moving: MoveState | null, editing = from) {
  const submitted: WriteChange[] = [];
  const events: UiEvent[] = [];
  const focused: string[][] = [];
  const sut = moveCommands({
    editing,
    moving,
    blob,
    rules: DEFAULT_RULES,
    clock: () => NOW,
    submit: (change) => submitted.push(change),
    dispatch: (event) => events.push(event),
    restoreFocus: (keys) => focused.push(keys),
  });
  return { sut, submitted, events, focused };
}

describe('movePreviewOf', () => {
  it('fits over the booking’s own hours, not over another booking, an ended slot or closing time', () => {
    const at = (dateKey: DateKey, hour: number) =>
      movePreviewOf({ from, to: { dateKey, hour } }, blob, DEFAULT_RULES, NOW);
    expect(at(LATER, 10)).toMatchObject({ fits: true, end: 13, unchanged: false });
    expect(at(LATER, 12)?.fits).toBe(false);
    expect(at(TODAY, 9)?.fits).toBe(false);
    expect(at(LATER, 20)?.fits).toBe(false);
    expect(at(LATER, 9)).toMatchObject({ fits: false, unchanged: true });
    expect(movePreviewOf({ from: { dateKey: LATER, hour: 11 }, to: from }, blob, DEFAULT_RULES, NOW)).toBeNull();
  });
});

describe('moveCommands', () => {
  it('starts from the booking open in the popup', () => {
    const { sut, events } = harness(null);
    expect(sut.start()).toBe(true);
    expect(events).toEqual([{ type: 'start-move', booking: from }]);
    expect(harness(null, { dateKey: LATER, hour: 10 }).sut.start()).toBe(false);
  });

  it('steers within operating hours and lands a day step onto today on its first open hour', () => {
    const early = harness({ from, to: { dateKey: LATER, hour: 6 } });
    early.sut.shift(0, -1);
    const today = harness({ from, to: { dateKey: '2026-11-25' as DateKey, hour: 7 } });
    today.sut.shift(-1, 0);
    const intoPast = harness({ from, to: { dateKey: TODAY, hour: 10 } });
    intoPast.sut.shift(0, -1);
    expect([...early.events, ...today.events, ...intoPast.events]).toEqual([
      { type: 'move-to', slot: { dateKey: LATER, hour: 6 } },
      { type: 'move-to', slot: { dateKey: TODAY, hour: 10 } },
      { type: 'move-to', slot: { dateKey: TODAY, hour: 10 } },
    ]);
  });

  it('sends one move when the picked slot fits, and focuses the booking there', () => {
    const { sut, submitted, events, focused } = harness({ from, to: { dateKey: LATER, hour: 10 } });
    expect(sut.confirm()).toBe(true);
    expect(submitted).toEqual([
      { kind: 'move', dateKey: LATER, timeKey: '09:00', to: { dateKey: LATER, timeKey: '10:00' }, updates: {} },
    ]);
    expect(events).toEqual([{ type: 'end-move' }]);
    expect(focused).toEqual([[`block-${LATER}-10`]]);
  });

  it('sends nothing for a slot that does not fit, and cancels back to the booking', () => {
    const { sut, submitted, events, focused } = harness({ from, to: { dateKey: LATER, hour: 12 } });
    expect(sut.confirm()).toBe(false);
    expect(sut.pick({ dateKey: LATER, hour: 13 })).toBe(false);
    sut.cancel();
    expect(submitted).toEqual([]);
    expect(events).toEqual([{ type: 'move-to', slot: { dateKey: LATER, hour: 13 } }, { type: 'end-move' }]);
    expect(focused).toEqual([[`block-${LATER}-9`]]);
  });
});
