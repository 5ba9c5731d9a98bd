import { describe, expect, it } from 'vitest';
import type { DateKey } from '../../../core/time.js';
import { entryWeekCell, nextWeekCell } from './week-cell-focus.js';
import type { GridMove } from './week-cell-focus.js';

const hours = { openHour: 6, closeHour: 22 };
const day = (value: string) => value as DateKey;
// Tuesday 24 Nov 2026, in the week of Monday 23 – Sunday 29 Nov.
const tuesdayAt10 = { dateKey: day('2026-11-24'), hour: 10 };

describe('nextWeekCell', () => {
  const sut = (move: GridMove, cell = tuesdayAt10) => nextWeekCell(cell, move, hours);

  it('moves an hour up or down and a day left or right', () => {
    expect(sut('up')).toEqual({ dateKey: '2026-11-24', hour: 9 });
    expect(sut('down')).toEqual({ dateKey: '2026-11-24', hour: 11 });
    expect(sut('left')).toEqual({ dateKey: '2026-11-23', hour: 10 });
    expect(sut('right')).toEqual({ dateKey: '2026-11-25', hour: 10 });
  });

  it('stops at the first and last hour and at Monday and Sunday', () => {
    expect(sut('up', { dateKey: day('2026-11-24'), hour: 6 })).toEqual({ dateKey: '2026-11-24', hour: 6 });
    expect(sut('down', { dateKey: day('2026-11-24'), hour: 21 })).toEqual({ dateKey: '2026-11-24', hour: 21 });
    expect(sut('left', { dateKey: day('2026-11-23'), hour: 10 })).toEqual({ dateKey: '2026-11-23', hour: 10 });
    expect(sut('right', { dateKey: day('2026-11-29'), hour: 10 })).toEqual({ dateKey: '2026-11-29', hour: 10 });
  });

  it('jumps to Monday or Sunday of the same week with Home and End', () => {
    expect(sut('week-start')).toEqual({ dateKey: '2026-11-23', hour: 10 });
    expect(sut('week-end')).toEqual({ dateKey: '2026-11-29', hour: 10 });
  });

  it('keeps the weekday and hour a week earlier or later, across a month', () => {
    expect(sut('next-week')).toEqual({ dateKey: '2026-12-01', hour: 10 });
    expect(sut('previous-week')).toEqual({ dateKey: '2026-11-17', hour: 10 });
  });

  it('brings an hour outside the rows back inside them', () => {
    expect(sut('right', { dateKey: day('2026-11-24'), hour: 23 })).toEqual({ dateKey: '2026-11-25', hour: 21 });
  });
});

describe('entryWeekCell', () => {
  const now = { today: day('2026-11-24'), hour: 10 };

  it('enters at the focused hour of the viewed date when there is one', () => {
    expect(entryWeekCell(day('2026-11-26'), now, 15, hours)).toEqual({ dateKey: '2026-11-26', hour: 15 });
  });

  it('enters at the current hour on today and at opening time on other dates', () => {
    expect(entryWeekCell(day('2026-11-24'), now, null, hours)).toEqual({ dateKey: '2026-11-24', hour: 10 });
    expect(entryWeekCell(day('2026-11-26'), now, null, hours)).toEqual({ dateKey: '2026-11-26', hour: 6 });
    const lateNight = { today: day('2026-11-24'), hour: 23 };
    expect(entryWeekCell(day('2026-11-24'), lateNight, null, hours)).toEqual({ dateKey: '2026-11-24', hour: 21 });
  });
});
