/**
 * The API's checks and error strings, run in the browser for demo mode (PRODUCT.md §5.2: same
 * validation, conflict rules, cleanup and errors). The strings mirror §4.2 exactly.
 */
import {
  createConflictMessage,
  extendConflictMessage,
  findCreateConflict,
  findDurationConflict,
  isSlotPast,
  withBooking,
  withoutBooking,
} from '../../../core/bookings.js';
import type { BookingsBlob } from '../../../core/bookings.js';
import { hourOfTimeKey, isDateKey, isTimeKey } from '../../../core/time.js';
import type { ClientConfig } from '../config/client-config.js';
import type { WriteOp } from '../offline-queue/write-op.js';

export const CREATE_FIELDS_ERROR = 'Missing or invalid fields: dateKey, timeKey, user, duration';
export const UPDATE_FIELDS_ERROR = 'Missing or invalid fields: dateKey, timeKey, updates';
export const DELETE_FIELDS_ERROR = 'Missing or invalid fields: dateKey, timeKey';
export const NOT_FOUND_ERROR = 'Booking not found';

export type LocalWriteResult = { ok: true; blob: BookingsBlob } | { ok: false; status: number; error: string };

const reject = (status: number, error: string): LocalWriteResult => ({ ok: false, status, error });

/** `op` applied to `blob` under the API's rules, or the status and error the API would answer. */
export function applyLocalWrite(blob: BookingsBlob, op: WriteOp, config: ClientConfig, now: number): LocalWriteResult {
  const { rules } = config;
  const fieldsError =
    op.kind === 'create' ? CREATE_FIELDS_ERROR : op.kind === 'update' ? UPDATE_FIELDS_ERROR : DELETE_FIELDS_ERROR;
  if (!isDateKey(op.dateKey) || !isTimeKey(op.timeKey)) return reject(400, fieldsError);
  const start = hourOfTimeKey(op.timeKey);
  if (start < rules.openHour || start >= rules.closeHour) return reject(400, fieldsError);
  const roster = new Set(config.users.map((user) => user.name));
  const durationOk = (value: number) => Number.isInteger(value) && value >= 1 && value <= rules.maxDuration;
  const day = blob[op.dateKey] ?? {};
  const current = day[op.timeKey];

  if (op.kind === 'create') {
    const { user, duration } = op.booking;
    if (!roster.has(user) || !durationOk(duration) || start + duration > rules.closeHour) {
      return reject(400, fieldsError);
    }
    if (isSlotPast(op.dateKey, start, now, rules.timeZone)) return reject(400, fieldsError);
    const conflict = findCreateConflict(day, start, duration, rules);
    if (conflict) return reject(409, createConflictMessage(conflict));
    return { ok: true, blob: withBooking(blob, op.dateKey, op.timeKey, { user, duration }) };
  }
  if (op.kind === 'update') {
    const { user, duration } = op.updates;
    if (user === undefined && duration === undefined) return reject(400, fieldsError);
    if (user !== undefined && !roster.has(user)) return reject(400, fieldsError);
    if (duration !== undefined && (!durationOk(duration) || start + duration > rules.closeHour)) {
      return reject(400, fieldsError);
    }
    if (!current) return reject(404, NOT_FOUND_ERROR);
    if (duration !== undefined) {
      const conflict = findDurationConflict(day, start, duration, rules);
      if (conflict) return reject(409, extendConflictMessage(conflict));
    }
    return { ok: true, blob: withBooking(blob, op.dateKey, op.timeKey, { ...current, ...op.updates }) };
  }
  if (!current) return reject(404, NOT_FOUND_ERROR);
  return { ok: true, blob: withoutBooking(blob, op.dateKey, op.timeKey) };
}
