/**
 * A user's change to the bookings, as queued, sent and replayed (PRODUCT.md §6.2, §5.2), and how
 * it looks applied optimistically to a blob.
 */
import { canBook, findMoveConflict, withBooking, withoutBooking } from '../../core/bookings.js';
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
  /** The booking at `dateKey`/`timeKey` moved to `to`, with `updates` merged (issue 9 §9). */
  | (OpBase & { kind: 'move'; to: { dateKey: DateKey; timeKey: TimeKey }; updates: Partial<Booking> })
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
    case 'move':
      return current ? applyMove(blob, op, { ...current, ...op.updates }, rules) : blob;
    case 'delete':
      return withoutBooking(blob, op.dateKey, op.timeKey);
  }
}

function applyMove(
  blob: BookingsBlob,
  op: Extract<WriteOp, { kind: 'move' }>,
  booking: Booking,
  rules: Pick<BookingRules, 'closeHour'>,
): BookingsBlob {
  const { to } = op;
  const ownStart = to.dateKey === op.dateKey ? hourOfTimeKey(op.timeKey) : undefined;
  const conflict = findMoveConflict(
    blob[to.dateKey] ?? {},
    hourOfTimeKey(to.timeKey),
    booking.duration,
    rules,
    ownStart,
  );
  if (conflict) return blob;
  return withBooking(withoutBooking(blob, op.dateKey, op.timeKey), to.dateKey, to.timeKey, booking);
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
    case 'move':
      return { dateKey, timeKey, updates: { ...op.updates, dateKey: op.to.dateKey, timeKey: op.to.timeKey } };
    case 'delete':
      return { dateKey, timeKey };
  }
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isChanges(value: unknown): value is Partial<Booking> {
  if (!value || typeof value !== 'object') return false;
  const { user, duration } = value as Record<string, unknown>;
  return (user === undefined || typeof user === 'string') && (duration === undefined || isPositiveInt(duration));
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
    return isChanges(updates) && (updates.user !== undefined || updates.duration !== undefined);
  }
  if (op.kind === 'move') {
    const to = op.to as Record<string, unknown> | undefined;
    return !!to && isDateKey(to.dateKey) && isTimeKey(to.timeKey) && isChanges(op.updates);
  }
  return false;
}
