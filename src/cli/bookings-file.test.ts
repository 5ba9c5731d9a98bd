import { describe, expect, it } from 'vitest';
import { BookingsFileError, readBookingsFile, writeBookingsFile } from './bookings-file.js';

const blob = {
  '2031-02-04': { '14:00': { user: 'Bonnie', duration: 1 } },
  '2031-02-03': { '10:00': { user: 'Rue', duration: 1 }, '09:00': { user: 'Jack', duration: 3 } },
};
const exportedAt = new Date('2031-02-01T08:00:00.000Z');

describe('writeBookingsFile and readBookingsFile', () => {
  it('round-trips the Hourbook format, one booking per line in date and time order', () => {
    const text = writeBookingsFile('hourbook', blob, { instance: 'team-a', exportedAt });

    const sut = readBookingsFile(text);

    expect(text.split('\n').slice(0, 8)).toEqual([
      '{',
      '  "format": "hourbook-bookings",',
      '  "version": 1,',
      '  "instance": "team-a",',
      '  "exportedAt": "2031-02-01T08:00:00.000Z",',
      '  "bookings": [',
      '    {"dateKey":"2031-02-03","timeKey":"09:00","user":"Jack","duration":3},',
      '    {"dateKey":"2031-02-03","timeKey":"10:00","user":"Rue","duration":1},',
    ]);
    expect(sut.format).toBe('hourbook');
    expect(sut.entries.map((entry) => `${entry.dateKey} ${entry.timeKey}`)).toEqual([
      '2031-02-03 09:00',
      '2031-02-03 10:00',
      '2031-02-04 14:00',
    ]);
    expect(sut.overlaps).toEqual([{ dateKey: '2031-02-03', timeKey: '10:00', overlapsWith: '09:00' }]);
    expect(JSON.parse(writeBookingsFile('hourbook', {}, { instance: 'x', exportedAt })).bookings).toEqual([]);
  });

  it("tells the original's blob apart by content and reads it as the same bookings", () => {
    const sut = readBookingsFile(writeBookingsFile('original', blob, { instance: 'team-a', exportedAt }));

    expect(sut.format).toBe('original');
    expect(sut.entries).toHaveLength(3);
    expect(sut.entries[0]).toEqual({ dateKey: '2031-02-03', timeKey: '09:00', booking: { user: 'Jack', duration: 3 } });
  });

  it('lists entries that are not bookings, a slot given twice included, and keeps the rest', () => {
    const text = JSON.stringify({
      format: 'hourbook-bookings',
      version: 1,
      bookings: [
        { dateKey: '2031-02-03', timeKey: '09:00', user: 'Jack', duration: 1 },
        { dateKey: '2031-02-03', timeKey: '09:00', user: 'Rue', duration: 1 },
        { dateKey: '2031-02-03', timeKey: '11:00', user: 'Rue', duration: null },
        { dateKey: '__proto__', timeKey: '09:00', user: 'Rue', duration: 1 },
        'x',
      ],
    });

    const sut = readBookingsFile(text);

    expect(sut.entries).toHaveLength(1);
    expect(sut.malformed.map((entry) => entry.reason)).toEqual([
      'the same slot appears twice in the file',
      'not an object with dateKey and timeKey',
      'duration is not a whole number 1-24',
      'date is not a real YYYY-MM-DD date',
    ]);
  });

  it('refuses text that is neither format', () => {
    expect(() => readBookingsFile('[1, 2]')).toThrow(BookingsFileError);
    expect(() => readBookingsFile('{')).toThrow(/not valid JSON/);
    expect(() => readBookingsFile('{"format":"hourbook-bookings","version":2,"bookings":[]}')).toThrow(
      /expected "hourbook-bookings" version 1/,
    );
    expect(() => readBookingsFile('{"format":"hourbook-bookings","version":1}')).toThrow(/"bookings" must be a list/);
  });
});
