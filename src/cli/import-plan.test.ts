import { describe, expect, it } from 'vitest';
import { readBookingsFile } from './bookings-file.js';
import type { SlotBooking } from './bookings-file.js';
import { planImport } from './import-plan.js';

/** The entries of a blob, through the same reader an import uses. */
const entries = (blob: object): SlotBooking[] => readBookingsFile(JSON.stringify(blob)).entries;
const slots = (list: SlotBooking[]) => list.map((entry) => `${entry.dateKey} ${entry.timeKey}`);
const rules = { closeHour: 22 };

const stored = {
  '2031-03-03': { '09:00': { user: 'Ann', duration: 2 }, '14:00': { user: 'Bo', duration: 1 } },
};

describe('planImport in merge mode', () => {
  it('adds what is free, leaves what is stored exactly so, and lists each conflict with its reason', () => {
    const file = entries({
      '2031-03-03': {
        '09:00': { user: 'Ann', duration: 2 },
        '10:00': { user: 'Cy', duration: 1 },
        '11:00': { user: 'Cy', duration: 2 },
        '14:00': { user: 'Cy', duration: 1 },
        '21:00': { user: 'Cy', duration: 2 },
      },
      '2031-03-04': { '09:00': { user: 'Cy', duration: 1 } },
    });

    const sut = planImport('merge', file, stored, rules);

    expect(slots(sut.unchanged)).toEqual(['2031-03-03 09:00']);
    expect(slots(sut.add)).toEqual(['2031-03-03 11:00', '2031-03-04 09:00']);
    expect(sut.conflicts.map((conflict) => `${conflict.timeKey}: ${conflict.reason}`)).toEqual([
      "10:00: overlaps Ann's 09:00 × 2",
      "14:00: overlaps Bo's 14:00 × 1",
      '21:00: ends after closing time 22:00',
    ]);
    expect(sut.removed).toEqual([]);
  });

  it("catches two of the file's bookings that overlap each other, and lets back-to-back ones pass", () => {
    const file = entries({
      '2031-03-05': {
        '09:00': { user: 'Cy', duration: 2 },
        '10:00': { user: 'Di', duration: 1 },
        '11:00': { user: 'Di', duration: 1 },
      },
    });

    const sut = planImport('merge', file, {}, rules);

    expect(slots(sut.add)).toEqual(['2031-03-05 09:00', '2031-03-05 11:00']);
    expect(sut.conflicts.map((conflict) => conflict.reason)).toEqual(["overlaps Cy's 09:00 × 2"]);
  });
});

describe('planImport in replace mode', () => {
  it('lists every stored booking that goes, a changed one included, and never reports conflicts', () => {
    const file = entries({
      '2031-03-03': { '09:00': { user: 'Ann', duration: 2 }, '14:00': { user: 'Cy', duration: 1 } },
      '2031-03-06': { '09:00': { user: 'Cy', duration: 3 }, '10:00': { user: 'Di', duration: 1 } },
    });

    const sut = planImport('replace', file, stored, rules);

    expect(slots(sut.unchanged)).toEqual(['2031-03-03 09:00']);
    expect(slots(sut.add)).toEqual(['2031-03-03 14:00', '2031-03-06 09:00', '2031-03-06 10:00']);
    expect(sut.removed).toEqual([{ dateKey: '2031-03-03', timeKey: '14:00', booking: { user: 'Bo', duration: 1 } }]);
    expect(sut.conflicts).toEqual([]);
  });
});
