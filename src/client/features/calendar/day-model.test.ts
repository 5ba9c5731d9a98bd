import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../core/rules.js';
import { instantOfWallClock } from '../../../core/time.js';
import type { DateKey } from '../../../core/time.js';
import { blocksOf, bookNowTarget, dayViewRows, focusCandidates, nowLineOf, weekCellTarget } from './day-model.js';

const today = '2026-11-24' as DateKey;
const at = (hour: number, minute = 0) => instantOfWallClock(today, hour, 'Australia/Brisbane') + minute * 60_000;

describe('dayViewRows', () => {
  it('hides today’s ended hours but keeps the current one until it ends', () => {
    const rows = dayViewRows(today, {}, at(9, 59), DEFAULT_RULES, today);
    expect(rows[0]?.hour).toBe(9);
    expect(dayViewRows(today, {}, at(10), DEFAULT_RULES, today)[0]?.hour).toBe(10);
  });

  it('shows all sixteen hours on other dates, past ones flagged', () => {
    const past = dayViewRows('2026-11-23' as DateKey, {}, at(10), DEFAULT_RULES, today);
    expect(past).toHaveLength(16);
    expect(past.every((row) => row.past)).toBe(true);
    expect(dayViewRows('2026-11-25' as DateKey, {}, at(10), DEFAULT_RULES, today).some((row) => row.past)).toBe(false);
  });

  it('marks a multi-hour booking booked at its start and blocked after', () => {
    const rows = dayViewRows(
      '2026-11-25' as DateKey,
      { '09:00': { user: 'Joel', duration: 4 } },
      at(10),
      DEFAULT_RULES,
      today,
    );
    expect(rows.slice(3, 8).map((row) => row.occupancy)).toEqual([
      'booked',
      'blocked',
      'blocked',
      'blocked',
      'available',
    ]);
  });
});

describe('blocksOf', () => {
  it('clips elapsed hours and drops bookings that already ended', () => {
    const sut = blocksOf({ '07:00': { user: 'Rue', duration: 1 }, '08:00': { user: 'Jack', duration: 3 } }, 9, false);
    expect(sut).toEqual([
      { start: 8, booking: { user: 'Jack', duration: 3 }, visibleStart: 9, end: 11, readOnly: false },
    ]);
  });
});

describe('focusCandidates', () => {
  it('offers only free rows that are not past (a booking 14:00–17:00 leaves 13:00 then 17:00)', () => {
    const rows = dayViewRows(
      '2026-11-25' as DateKey,
      { '14:00': { user: 'Jack', duration: 3 } },
      at(10),
      DEFAULT_RULES,
      today,
    );
    const sut = focusCandidates(rows);
    expect(sut).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 17, 18, 19, 20, 21]);
  });
});

describe('weekCellTarget', () => {
  const jack = { '12:00': { user: 'Jack', duration: 2 } };
  const dayOf = (dateKey: DateKey) => {
    const rows = dayViewRows(dateKey, jack, at(10, 20), DEFAULT_RULES, today);
    return { rows, blocks: blocksOf(jack, rows[0]?.hour ?? 22, dateKey < today) };
  };

  it('opens the panel on a free hour still to come and the popup on any hour of a booking', () => {
    const { rows, blocks } = dayOf(today);
    expect(weekCellTarget(rows, blocks, 10)).toEqual({ kind: 'slot' });
    expect(weekCellTarget(rows, blocks, 12)).toEqual({ kind: 'booking', start: 12 });
    expect(weekCellTarget(rows, blocks, 13)).toEqual({ kind: 'booking', start: 12 });
  });

  it('refuses an ended hour and a past date’s booking, as the day view does', () => {
    const { rows, blocks } = dayOf(today);
    expect(weekCellTarget(rows, blocks, 9)).toBeNull();
    const yesterday = dayOf('2026-11-23' as DateKey);
    expect(weekCellTarget(yesterday.rows, yesterday.blocks, 15)).toBeNull();
    expect(weekCellTarget(yesterday.rows, yesterday.blocks, 12)).toBeNull();
  });
});

describe('bookNowTarget', () => {
  it('targets the current business hour while it is free, up to its last millisecond', () => {
    expect(bookNowTarget({}, at(9, 59), DEFAULT_RULES)).toEqual({ dateKey: today, hour: 9 });
  });

  it('is hidden while an earlier booking covers the hour, and outside opening hours', () => {
    expect(
      bookNowTarget({ [today]: { '08:00': { user: 'Jack', duration: 3 } } }, at(10, 20), DEFAULT_RULES),
    ).toBeNull();
    expect(bookNowTarget({}, at(5, 59), DEFAULT_RULES)).toBeNull();
    expect(bookNowTarget({}, at(22), DEFAULT_RULES)).toBeNull();
  });
});

describe('nowLineOf', () => {
  const brisbane = (dateKey: string, hour: number, minutes: number) =>
    instantOfWallClock(dateKey as DateKey, hour, 'Australia/Brisbane') + minutes * 60_000;

  it('places the line in the current hour by the minutes gone', () => {
    expect(nowLineOf(brisbane('2026-11-24', 10, 20), DEFAULT_RULES)).toEqual({
      dateKey: '2026-11-24',
      hour: 10,
      fraction: 20 / 60,
    });
  });

  it('draws no line before opening or from closing time on', () => {
    expect(nowLineOf(brisbane('2026-11-24', DEFAULT_RULES.openHour - 1, 59), DEFAULT_RULES)).toBeNull();
    expect(nowLineOf(brisbane('2026-11-24', DEFAULT_RULES.closeHour, 0), DEFAULT_RULES)).toBeNull();
    expect(nowLineOf(brisbane('2026-11-24', DEFAULT_RULES.closeHour - 1, 59), DEFAULT_RULES)?.hour).toBe(
      DEFAULT_RULES.closeHour - 1,
    );
  });
});
