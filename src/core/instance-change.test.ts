import { describe, expect, it } from 'vitest';
import type { BookingsBlob } from './bookings.js';
import type { InstanceConfig } from './config.js';
import { findAffectedBookings } from './instance-change.js';
import type { DateKey } from './time.js';

const TODAY = '2030-05-10' as DateKey;
const configWith = (overrides: Partial<InstanceConfig> = {}): InstanceConfig => ({
  slug: 'team-a',
  title: 'Room',
  users: [
    { name: 'Ann', key: 'a' },
    { name: 'Ben', key: 'b' },
  ],
  createdAt: '2030-01-01T00:00:00.000Z',
  ...overrides,
});
const bookings: BookingsBlob = {
  '2030-05-09': { '07:00': { user: 'Ann', duration: 1 } },
  '2030-05-10': {
    '07:00': { user: 'Ben', duration: 2 },
    '12:00': { user: 'Ann', duration: 6 },
  },
  '2030-05-11': { '20:00': { user: 'Ann', duration: 2 } },
};

describe('findAffectedBookings', () => {
  it('lists the bookings from today on of a person who leaves the roster, never past ones', () => {
    const sut = findAffectedBookings(bookings, configWith(), configWith({ users: [{ name: 'Ben', key: 'b' }] }), TODAY);
    expect(sut).toEqual([
      { dateKey: '2030-05-10', timeKey: '12:00', user: 'Ann', duration: 6 },
      { dateKey: '2030-05-11', timeKey: '20:00', user: 'Ann', duration: 2 },
    ]);
  });

  it('lists bookings that start before a later opening, end after an earlier closing, or outlast a lower maximum', () => {
    expect(findAffectedBookings(bookings, configWith(), configWith({ openHour: 8 }), TODAY)).toEqual([
      { dateKey: '2030-05-10', timeKey: '07:00', user: 'Ben', duration: 2 },
    ]);
    expect(findAffectedBookings(bookings, configWith(), configWith({ closeHour: 21 }), TODAY)).toEqual([
      { dateKey: '2030-05-11', timeKey: '20:00', user: 'Ann', duration: 2 },
    ]);
    expect(findAffectedBookings(bookings, configWith(), configWith({ maxDuration: 5 }), TODAY)).toEqual([
      { dateKey: '2030-05-10', timeKey: '12:00', user: 'Ann', duration: 6 },
    ]);
  });

  it('lists nothing for a change every booking still fits, back to back with the new closing hour', () => {
    const sut = findAffectedBookings(
      bookings,
      configWith(),
      configWith({ title: 'Lab', closeHour: 22, openHour: 7 }),
      TODAY,
    );
    expect(sut).toEqual([]);
  });

  it('leaves out a booking that did not fit the config in force either', () => {
    const before = configWith({ users: [{ name: 'Ben', key: 'b' }] });
    expect(
      findAffectedBookings(bookings, before, configWith({ users: [{ name: 'Ben', key: 'b' }], title: 'Lab' }), TODAY),
    ).toEqual([]);
  });
});
