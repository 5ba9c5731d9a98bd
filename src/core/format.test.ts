import { describe, expect, it } from 'vitest';
import {
  displayOffsetMinutes,
  formatBlockRange,
  formatHourKeysIn,
  formatHours,
  formatHourShort,
  formatLongDate,
  formatOffsetHours,
  formatShortDate,
  formatShortWeekday,
  formatTimeLabel,
  formatTimeRange,
} from './format.js';
import type { DateKey } from './time.js';

const date = (value: string) => value as DateKey;

describe('formatTimeLabel', () => {
  it('renders morning, noon, evening and midnight hours on a 12-hour clock', () => {
    expect(formatTimeLabel(6)).toBe('6:00 AM');
    expect(formatTimeLabel(12)).toBe('12:00 PM');
    expect(formatTimeLabel(22)).toBe('10:00 PM');
    expect(formatTimeLabel(0)).toBe('12:00 AM');
  });

  it('shifts by the display offset, wrapping past midnight', () => {
    expect(formatTimeLabel(21, 60)).toBe('10:00 PM');
    expect(formatTimeLabel(14, 60)).toBe('3:00 PM');
    expect(formatTimeLabel(23, 60)).toBe('12:00 AM');
    expect(formatTimeLabel(9, 30)).toBe('9:30 AM');
  });
});

describe('formatBlockRange', () => {
  it('names the meridiem once when both ends share it', () => {
    expect(formatBlockRange(17, 19)).toBe('5-7 PM');
    expect(formatBlockRange(9, 11)).toBe('9-11 AM');
  });

  it('names both meridiems when the range crosses noon', () => {
    expect(formatBlockRange(11, 13)).toBe('11 AM-1 PM');
  });

  it('applies the display offset to both ends', () => {
    expect(formatBlockRange(11, 13, 60)).toBe('12-2 PM');
  });
});

describe('formatHourShort and formatTimeRange', () => {
  it('formats the words used in aria labels and the popup', () => {
    expect(formatHourShort(9)).toBe('9 AM');
    expect(formatHourShort(12)).toBe('12 PM');
    expect(formatTimeRange(9, 11)).toBe('9:00 AM - 11:00 AM');
    expect(formatTimeRange(11, 13, 60)).toBe('12:00 PM - 2:00 PM');
  });
});

describe('dates', () => {
  it('formats the long en-US date and the short weekday', () => {
    expect(formatLongDate(date('2026-11-24'))).toBe('Tuesday, November 24, 2026');
    expect(formatLongDate(date('2026-02-14'))).toBe('Saturday, February 14, 2026');
    expect(formatShortWeekday(date('2026-11-23'))).toBe('Mon');
  });

  it('formats the short date the panel and popup act on', () => {
    expect(formatShortDate(date('2026-12-03'))).toBe('Thu 3 Dec');
    expect(formatShortDate(date('2026-11-24'))).toBe('Tue 24 Nov');
  });
});

describe('displayOffsetMinutes', () => {
  const sut = (value: string) => displayOffsetMinutes(date(value), 'Australia/Brisbane', 'Australia/Sydney', 6);

  it('is one hour while Sydney observes daylight saving', () => {
    expect(sut('2026-11-24')).toBe(60);
    expect(sut('2026-01-15')).toBe(60);
  });

  it('is zero in the Australian winter', () => {
    expect(sut('2026-07-01')).toBe(0);
  });

  it('changes on the DST switch dates themselves, not the day after', () => {
    // Sydney's 2026 DST starts on Sunday 4 October and ends on Sunday 5 April.
    expect(sut('2026-10-03')).toBe(0);
    expect(sut('2026-10-04')).toBe(60);
    expect(sut('2026-04-04')).toBe(60);
    expect(sut('2026-04-05')).toBe(0);
  });

  it('labels the offset in hours with a sign', () => {
    expect(formatOffsetHours(60)).toBe('+1h');
    expect(formatOffsetHours(0)).toBe('+0h');
    expect(formatOffsetHours(-30)).toBe('-0.5h');
  });
});

describe('formatHours', () => {
  it('says hour once and hours otherwise', () => {
    expect(formatHours(1)).toBe('1 hour');
    expect(formatHours(3)).toBe('3 hours');
  });
});

describe('formatHourKeysIn', () => {
  it('rewrites the stored hour of a server error as the calendar shows it', () => {
    expect(formatHourKeysIn('Cannot move: slot 14:00 is already booked')).toBe(
      'Cannot move: slot 2:00 PM is already booked',
    );
    expect(formatHourKeysIn('Cannot move: booking must end by 22:00', 60)).toBe(
      'Cannot move: booking must end by 11:00 PM',
    );
  });

  it('leaves text without hour keys alone', () => {
    expect(formatHourKeysIn('Booking not found')).toBe('Booking not found');
    expect(formatHourKeysIn('on 2026-12-03 at 9:30')).toBe('on 2026-12-03 at 9:30');
  });
});
