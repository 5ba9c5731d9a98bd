/**
 * A user's change to the bookings, as queued, sent and replayed (PRODUCT.md §6.2, §5.2), and how
 * it looks applied optimistically to a blob.
 */
import { canBook, withBooking, withoutBooking } from '../../core/bookings.js';
import type { Booking, BookingsBlob } from '../../core/bookings.js';
import type { BookingRules } from '../../core/rules.js';
import { hourOfTimeKey, isDateKey, isTimeKey } from '../../core/time.js';
import type { DateKey, TimeKey } from '../../core/time.js';

interface OpBase {
  id: string;
  dateKey: DateKey;
  timeKey: TimeKey;
  /** Made or kept while the API was unreachable: persisted, replayed, conflicts reported as such. */
  offline?: boolean;
}

export type WriteOp =
  | (OpBase & { kind: 'create'; booking: Booking })
  | (OpBase & { kind: 'update'; updates: Partial<Booking> })
  | (OpBase & { kind: 'delete' });

/** A change as the UI submits it, before it gets an id. */
export type WriteChange = WriteOp extends infer Op ? (Op extends WriteOp ? Omit<Op, 'id' | 'offline'> : never) : never;

/** The blob as it looks once `op` applies; an op that no longer fits leaves the blob unchanged. */
export function applyOp(blob: BookingsBlob, op: WriteOp, rules: Pick<BookingRules, 'closeHour'>): BookingsBlob {
  const day = blob[op.dateKey] ?? {};
  const current = day[op.timeKey];
  switch (op.kind) {
    case 'create':
      return canBook(day, hourOfTimeKey(op.timeKey), op.booking.duration, rules)
        ? withBooking(blob, op.dateKey, op.timeKey, op.booking)
        : blob;
    case 'update':
      return current ? withBooking(blob, op.dateKey, op.timeKey, { ...current, ...op.updates }) : blob;
    case 'delete':
      return withoutBooking(blob, op.dateKey, op.timeKey);
  }
}

/** The blob with every op applied in order: what the user sees while ops are pending. */
export function applyOps(
  blob: BookingsBlob,
  ops: readonly WriteOp[],
  rules: Pick<BookingRules, 'closeHour'>,
): BookingsBlob {
  return ops.reduce((next, op) => applyOp(next, op, rules), blob);
}

/** The JSON body the API takes for `op` (PRODUCT.md §4.1); demo mode parses the same body. */
export function requestBodyOf(op: WriteOp): Record<string, unknown> {
  const { dateKey, timeKey } = op;
  switch (op.kind) {
    case 'create':
      return { dateKey, timeKey, ...op.booking };
    case 'update':
      return { dateKey, timeKey, updates: op.updates };
    case 'delete':
      return { dateKey, timeKey };
  }
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** True for a value read back from storage that is a well-formed op. */
export function isWriteOp(value: unknown): value is WriteOp {
  if (!value || typeof value !== 'object') return false;
  const op = value as Record<string, unknown>;
  if (typeof op.id !== 'string' || !isDateKey(op.dateKey) || !isTimeKey(op.timeKey)) return false;
  if (op.kind === 'delete') return true;
  if (op.kind === 'create') {
    const booking = op.booking as Record<string, unknown> | undefined;
    return !!booking && typeof booking.user === 'string' && isPositiveInt(booking.duration);
  }
  if (op.kind === 'update') {
    const updates = op.updates as Record<string, unknown> | undefined;
    if (!updates) return false;
    const userOk = updates.user === undefined || typeof updates.user === 'string';
    const durationOk = updates.duration === undefined || isPositiveInt(updates.duration);
    return userOk && durationOk && (updates.user !== undefined || updates.duration !== undefined);
  }
  return false;
}
