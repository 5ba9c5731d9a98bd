import { describe, expect, it } from 'vitest';
import { instantOfWallClock } from '../../../core/time.js';
import type { DateKey, TimeKey } from '../../../core/time.js';
import { fallbackConfig } from '../config/client-config.js';
import type { WriteOp } from '../offline-queue/write-op.js';
import { applyLocalWrite } from './local-rules.js';

const dateKey = '2026-11-24' as DateKey;
const now = instantOfWallClock(dateKey, 10, 'Australia/Brisbane') + 20 * 60_000;
const config = fallbackConfig();
const create = (hour: number, duration: number, user = 'Jack'): WriteOp => ({
  id: 'x',
  kind: 'create',
  dateKey,
  timeKey: `${String(hour).padStart(2, '0')}:00` as TimeKey,
  booking: { user, duration },
});

describe('applyLocalWrite (demo mode)', () => {
  it('books the current hour until it ends, with the API’s shape', () => {
    const sut = applyLocalWrite({}, create(10, 2), config, now);
    expect(sut).toEqual({ ok: true, blob: { [dateKey]: { '10:00': { user: 'Jack', duration: 2 } } } });
  });

  it('answers the API’s 409 texts for overlaps', () => {
    const blob = { [dateKey]: { '12:00': { user: 'Rue', duration: 1 } } };
    expect(applyLocalWrite(blob, create(12, 1), config, now)).toEqual({
      ok: false,
      status: 409,
      error: 'Slot already booked',
    });
    expect(applyLocalWrite(blob, create(11, 2), config, now)).toEqual({
      ok: false,
      status: 409,
      error: 'Slot 12:00 conflicts with booking duration',
    });
  });

  it('refuses past hours, bookings past closing and strangers with the 400 text', () => {
    const error = { ok: false, status: 400, error: 'Missing or invalid fields: dateKey, timeKey, user, duration' };
    expect(applyLocalWrite({}, create(9, 1), config, now)).toEqual(error);
    expect(applyLocalWrite({}, create(21, 2), config, now)).toEqual(error);
    expect(applyLocalWrite({}, create(14, 1, 'Mallory'), config, now)).toEqual(error);
  });

  it('drops the date key when its last booking is deleted', () => {
    const blob = { [dateKey]: { '12:00': { user: 'Rue', duration: 1 } } };
    const op: WriteOp = { id: 'd', kind: 'delete', dateKey, timeKey: '12:00' as TimeKey };
    expect(applyLocalWrite(blob, op, config, now)).toEqual({ ok: true, blob: {} });
    expect(applyLocalWrite({}, op, config, now)).toEqual({ ok: false, status: 404, error: 'Booking not found' });
  });

  it('checks only the added hours of an extension', () => {
    const blob = { [dateKey]: { '12:00': { user: 'Rue', duration: 2 }, '14:00': { user: 'Joel', duration: 1 } } };
    const extend = (duration: number): WriteOp => ({
      id: 'u',
      kind: 'update',
      dateKey,
      timeKey: '12:00' as TimeKey,
      updates: { duration },
    });
    expect(applyLocalWrite(blob, extend(3), config, now)).toEqual({
      ok: false,
      status: 409,
      error: 'Cannot extend: slot 14:00 is already booked',
    });
    expect(applyLocalWrite(blob, extend(1), config, now).ok).toBe(true);
  });
});
