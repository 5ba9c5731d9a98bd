import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { parseCreateBooking, parseDateRange, parseUpdateBooking, sanitizeUserName } from './requests.js';
import { defaultConfig, rulesOf } from './rules.js';

const config = defaultConfig('cps-software', '2026-01-01T00:00:00.000Z');
const context = { config, rules: rulesOf(config), now: Date.parse('2026-02-14T00:30:00Z') }; // 10:30 Brisbane

function fieldsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('sanitizeUserName', () => {
  it("strips tags and quote characters like the original: <script>alert('xss')</script>Jack<b>Bold</b>", () => {
    expect(sanitizeUserName("<script>alert('xss')</script>Jack<b>Bold</b>")).toBe('alert(xss)JackBold');
  });
  it('trims and cuts to 100 characters', () => {
    expect(sanitizeUserName(`  ${'x'.repeat(150)}  `)).toHaveLength(100);
  });
});

describe('parseCreateBooking', () => {
  const valid = { dateKey: '2026-02-14', timeKey: '10:00', user: 'Jack', duration: 2 };

  it('accepts the current hour until it ends and keeps sanitised values', () => {
    expect(parseCreateBooking({ ...valid, user: ' <b>Jack</b> ', extra: 1 }, context)).toEqual({
      dateKey: '2026-02-14',
      timeKey: '10:00',
      hour: 10,
      booking: { user: 'Jack', duration: 2 },
    });
  });
  it('accepts a duration given as a digit string', () => {
    expect(parseCreateBooking({ ...valid, duration: '3' }, context).booking.duration).toBe(3);
  });
  it.each([['3abc'], [2.9], [0], [9], [-1], [null], ['']])('rejects the duration %j', (duration) => {
    expect(fieldsOf(() => parseCreateBooking({ ...valid, duration }, context))).toHaveProperty('duration');
  });
  it('rejects impossible dates and hours outside operating hours', () => {
    expect(fieldsOf(() => parseCreateBooking({ ...valid, dateKey: '2026-02-30' }, context)).dateKey).toBe(
      'not a real calendar date',
    );
    expect(fieldsOf(() => parseCreateBooking({ ...valid, timeKey: '22:00' }, context))).toHaveProperty('timeKey');
    expect(fieldsOf(() => parseCreateBooking({ ...valid, timeKey: '05:00' }, context))).toHaveProperty('timeKey');
  });
  it('rejects a user who is not on the roster, after sanitising', () => {
    expect(fieldsOf(() => parseCreateBooking({ ...valid, user: 'Mallory' }, context)).user).toBe(
      'not a user of this instance',
    );
    expect(fieldsOf(() => parseCreateBooking({ ...valid, user: 'jack' }, context))).toHaveProperty('user');
  });
  it('rejects a booking that ends after closing', () => {
    expect(fieldsOf(() => parseCreateBooking({ ...valid, timeKey: '21:00', duration: 2 }, context))).toHaveProperty(
      'duration',
    );
  });
  it('rejects a slot that has already ended in the business time zone', () => {
    expect(fieldsOf(() => parseCreateBooking({ ...valid, timeKey: '09:00' }, context)).timeKey).toBe(
      'slot has already ended',
    );
  });
  it('reports every missing field of an empty body with the original message', () => {
    expect(() => parseCreateBooking({}, context)).toThrow(
      'Missing or invalid fields: dateKey, timeKey, user, duration',
    );
    expect(Object.keys(fieldsOf(() => parseCreateBooking({}, context))).sort()).toEqual([
      'dateKey',
      'duration',
      'timeKey',
      'user',
    ]);
  });
});

describe('parseUpdateBooking', () => {
  const slotFields = { dateKey: '2026-02-14', timeKey: '20:00' };
  it('takes a user-only or duration-only change', () => {
    expect(parseUpdateBooking({ ...slotFields, updates: { user: 'Rue' } }, context).changes).toEqual({ user: 'Rue' });
    expect(parseUpdateBooking({ ...slotFields, updates: { duration: '2' } }, context).changes).toEqual({ duration: 2 });
  });
  it('rejects absent or empty updates, and an extension past closing', () => {
    expect(() => parseUpdateBooking(slotFields, context)).toThrow(
      'Missing or invalid fields: dateKey, timeKey, updates',
    );
    expect(fieldsOf(() => parseUpdateBooking({ ...slotFields, updates: {} }, context))).toHaveProperty('updates');
    expect(fieldsOf(() => parseUpdateBooking({ ...slotFields, updates: { duration: 3 } }, context))).toHaveProperty(
      'updates.duration',
    );
  });
});

describe('parseUpdateBooking of a move', () => {
  const from = { dateKey: '2026-02-14', timeKey: '12:00' };
  it('takes a new date and hour, either alone, with the other kept, and the changes beside them', () => {
    expect(parseUpdateBooking({ ...from, updates: { dateKey: '2026-02-16', timeKey: '09:00' } }, context)).toEqual({
      dateKey: '2026-02-14',
      timeKey: '12:00',
      hour: 12,
      changes: {},
      target: { dateKey: '2026-02-16', timeKey: '09:00', hour: 9 },
    });
    expect(parseUpdateBooking({ ...from, updates: { timeKey: '15:00', user: 'Rue' } }, context)).toMatchObject({
      changes: { user: 'Rue' },
      target: { dateKey: '2026-02-14', timeKey: '15:00', hour: 15 },
    });
    expect(parseUpdateBooking({ ...from, updates: { dateKey: '2026-02-15' } }, context).target).toEqual({
      dateKey: '2026-02-15',
      timeKey: '12:00',
      hour: 12,
    });
  });
  it('treats a move to the slot itself as no move', () => {
    expect(parseUpdateBooking({ ...from, updates: { ...from, duration: 2 } }, context)).not.toHaveProperty('target');
  });
  it('rejects a target that is malformed, outside hours, already ended, or would end after closing', () => {
    expect(fieldsOf(() => parseUpdateBooking({ ...from, updates: { dateKey: '2026-02-30' } }, context))).toEqual({
      'updates.dateKey': 'not a real calendar date',
    });
    expect(fieldsOf(() => parseUpdateBooking({ ...from, updates: { timeKey: '22:00' } }, context))).toHaveProperty(
      'updates.timeKey',
    );
    expect(fieldsOf(() => parseUpdateBooking({ ...from, updates: { timeKey: '09:00' } }, context))).toEqual({
      'updates.timeKey': 'slot has already ended',
    });
    expect(
      fieldsOf(() => parseUpdateBooking({ ...from, updates: { timeKey: '20:00', duration: 3 } }, context)),
    ).toEqual({ 'updates.duration': 'booking must end by 22:00' });
  });
});

describe('parseDateRange', () => {
  it('means everything without parameters and an inclusive range with both', () => {
    expect(parseDateRange({})).toBeUndefined();
    expect(parseDateRange({ from: '2026-02-16', to: '2026-02-22' })).toEqual({ from: '2026-02-16', to: '2026-02-22' });
  });
  it('rejects half a range, bad dates and a reversed range', () => {
    expect(() => parseDateRange({ from: '2026-02-16' })).toThrow(ValidationError);
    expect(() => parseDateRange({ from: '2026-02-30', to: '2026-03-01' })).toThrow(ValidationError);
    expect(() => parseDateRange({ from: '2026-02-22', to: '2026-02-16' })).toThrow(ValidationError);
  });
});
