import { describe, expect, it } from 'vitest';
import {
  addDays,
  instantOfWallClock,
  isDateKey,
  isTimeKey,
  msUntilNextHour,
  startOfWeek,
  zonedParts,
  zoneOffsetMinutes,
} from './time.js';
import type { DateKey } from './time.js';

const date = (value: string) => value as DateKey;

describe('isDateKey', () => {
  it.each(['2026-02-14', '2028-02-29', '2026-12-31'])('accepts the real date %s', (value) => {
    expect(isDateKey(value)).toBe(true);
  });
  it.each(['2026-02-30', '9999-13-45', '2026-2-14', '2027-02-29', '2026-00-10', '', 20260214, null])(
    'rejects %s',
    (value) => {
      expect(isDateKey(value)).toBe(false);
    },
  );
});

describe('isTimeKey', () => {
  it('accepts whole hours and rejects minutes or out-of-day hours', () => {
    expect(isTimeKey('06:00')).toBe(true);
    expect(isTimeKey('21:00')).toBe(true);
    expect(isTimeKey('9:00')).toBe(false);
    expect(isTimeKey('09:30')).toBe(false);
    expect(isTimeKey('24:00')).toBe(false);
  });
});

describe('calendar arithmetic', () => {
  it('rolls over months and years', () => {
    expect(addDays(date('2026-02-28'), 1)).toBe('2026-03-01');
    expect(addDays(date('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(date('2026-03-01'), -1)).toBe('2026-02-28');
  });
  it('starts the week on Monday, taking a Sunday back to the previous Monday', () => {
    expect(startOfWeek(date('2026-02-22'))).toBe('2026-02-16');
    expect(startOfWeek(date('2026-02-16'))).toBe('2026-02-16');
    expect(startOfWeek(date('2026-03-01'))).toBe('2026-02-23');
  });
});

describe('time zones', () => {
  it('reads Brisbane wall-clock time for an instant', () => {
    const parts = zonedParts(Date.parse('2026-11-24T00:20:05.250Z'), 'Australia/Brisbane');
    expect(parts).toEqual({ dateKey: '2026-11-24', hour: 10, minute: 20, second: 5, millisecond: 250 });
  });
  it('crosses the date line into the next Brisbane day', () => {
    expect(zonedParts(Date.parse('2026-11-24T14:30:00Z'), 'Australia/Brisbane').dateKey).toBe('2026-11-25');
  });
  it('sees Sydney daylight saving from the platform data, never hard-coded dates', () => {
    expect(zoneOffsetMinutes(Date.parse('2026-01-15T00:00:00Z'), 'Australia/Sydney')).toBe(660);
    expect(zoneOffsetMinutes(Date.parse('2026-07-15T00:00:00Z'), 'Australia/Sydney')).toBe(600);
    expect(zoneOffsetMinutes(Date.parse('2026-01-15T00:00:00Z'), 'Australia/Brisbane')).toBe(600);
  });
  it('finds the instant of a wall-clock hour, including hour 24', () => {
    expect(instantOfWallClock(date('2026-11-24'), 10, 'Australia/Brisbane')).toBe(Date.parse('2026-11-24T00:00:00Z'));
    expect(instantOfWallClock(date('2026-11-24'), 24, 'Australia/Brisbane')).toBe(Date.parse('2026-11-24T14:00:00Z'));
    expect(instantOfWallClock(date('2026-04-05'), 12, 'Australia/Sydney')).toBe(Date.parse('2026-04-05T02:00:00Z'));
  });
  it('counts the milliseconds to the next full hour', () => {
    expect(msUntilNextHour(Date.parse('2026-11-24T00:59:59.999Z'), 'Australia/Brisbane')).toBe(1);
    expect(msUntilNextHour(Date.parse('2026-11-24T00:20:00Z'), 'Australia/Brisbane')).toBe(40 * 60_000);
  });
});
