/**
 * Parsing of API request bodies (PRODUCT.md §4.3–§4.4): the original's sanitising, then every
 * check the client makes, so a hand-written request cannot store what the UI would refuse.
 * The server's routes and the client's demo mode both parse with these, so they answer alike.
 */
import * as z from 'zod/mini';
import { isSlotPast } from './bookings.js';
import type { Booking } from './bookings.js';
import type { InstanceConfig } from './config.js';
import type { BookingRules } from './rules.js';
import { ValidationError } from './errors.js';
import { hourOfTimeKey, isDateKey, isTimeKey } from './time.js';
import type { DateKey, TimeKey } from './time.js';

export const CREATE_FIELDS_ERROR = 'Missing or invalid fields: dateKey, timeKey, user, duration';
export const UPDATE_FIELDS_ERROR = 'Missing or invalid fields: dateKey, timeKey, updates';
export const DELETE_FIELDS_ERROR = 'Missing or invalid fields: dateKey, timeKey';

/** What a request is checked against: the instance, its rules and the current instant. */
export interface RequestContext {
  /** Only the roster is read: the client passes its resolved config. */
  config: Pick<InstanceConfig, 'users'>;
  rules: BookingRules;
  now: number;
}

/** Where a booking starts. */
export interface SlotRef {
  dateKey: DateKey;
  timeKey: TimeKey;
  hour: number;
}

export interface CreateBookingCommand extends SlotRef {
  booking: Booking;
}

export interface UpdateBookingCommand extends SlotRef {
  changes: Partial<Booking>;
  /** Where the booking moves to (`updates.dateKey` / `updates.timeKey`); absent when it stays. */
  target?: SlotRef;
}

/**
 * The original's name sanitiser (§4.4): drop tag-shaped runs, then `< > ' "`, trim, cut to 100.
 * `<script>alert('xss')</script>Jack<b>Bold</b>` → `alert(xss)JackBold`.
 */
export function sanitizeUserName(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, '')
    .replace(/[<>'"]/g, '')
    .trim()
    .slice(0, 100);
}

const dateKeySchema = z.pipe(
  z
    .string({ error: 'required, as YYYY-MM-DD' })
    .check(
      z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be YYYY-MM-DD', abort: true }),
      z.refine(isDateKey, 'not a real calendar date'),
    ),
  z.transform((value) => value as DateKey),
);

/** Memoises a schema factory per rules/config object: building zod schemas is not free. */
function perObject<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = build(key);
      cache.set(key, value);
    }
    return value;
  };
}

const timeKeySchema = perObject((rules: BookingRules) =>
  z.pipe(
    z.string({ error: 'required, as HH:00' }).check(
      z.regex(/^\d{2}:00$/, { error: 'must be HH:00', abort: true }),
      z.refine(isTimeKey, { error: 'must be HH:00', abort: true }),
      z.refine((value) => {
        const hour = hourOfTimeKey(value as TimeKey);
        return hour >= rules.openHour && hour < rules.closeHour;
      }, `outside operating hours (${rules.openHour}:00-${rules.closeHour}:00)`),
    ),
    z.transform((value) => value as TimeKey),
  ),
);

const durationSchema = perObject((rules: BookingRules) => {
  const message = `must be a whole number of hours from 1 to ${rules.maxDuration}`;
  const digits = z.pipe(z.string().check(z.regex(/^\d+$/, message)), z.transform(Number));
  return z.pipe(
    z.union([z.number(), digits], { error: message }),
    z.int({ error: message }).check(z.minimum(1, message), z.maximum(rules.maxDuration, message)),
  );
});

const userSchema = perObject((config: Pick<InstanceConfig, 'users'>) => {
  const names = new Set(config.users.map((user) => user.name));
  return z
    .pipe(z.string({ error: 'required, a user name' }), z.transform(sanitizeUserName))
    .check(z.refine((name) => names.has(name), 'not a user of this instance'));
});

type FieldErrors = Record<string, string>;

function readField<T>(schema: z.ZodMiniType<T>, value: unknown, field: string, errors: FieldErrors): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  errors[field] = result.error.issues[0]?.message ?? 'invalid';
  return undefined;
}

function asRecord(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function readSlot(body: Record<string, unknown>, rules: BookingRules, errors: FieldErrors): SlotRef | undefined {
  const dateKey = readField(dateKeySchema, body.dateKey, 'dateKey', errors);
  const timeKey = readField(timeKeySchema(rules), body.timeKey, 'timeKey', errors);
  if (dateKey === undefined || timeKey === undefined) return undefined;
  return { dateKey, timeKey, hour: hourOfTimeKey(timeKey) };
}

/** A `POST /api/bookings` body as a create command; throws `ValidationError` naming each bad field. */
export function parseCreateBooking(body: unknown, context: RequestContext): CreateBookingCommand {
  const input = asRecord(body);
  const errors: FieldErrors = {};
  const slot = readSlot(input, context.rules, errors);
  const user = readField(userSchema(context.config), input.user, 'user', errors);
  const duration = readField(durationSchema(context.rules), input.duration, 'duration', errors);
  if (slot && duration !== undefined && slot.hour + duration > context.rules.closeHour) {
    errors.duration = `booking must end by ${context.rules.closeHour}:00`;
  }
  if (slot && isSlotPast(slot.dateKey, slot.hour, context.now, context.rules.timeZone)) {
    errors.timeKey = 'slot has already ended';
  }
  if (!slot || user === undefined || duration === undefined || Object.keys(errors).length > 0) {
    throw new ValidationError(CREATE_FIELDS_ERROR, errors);
  }
  return { ...slot, booking: { user, duration } };
}

/**
 * Where `updates.dateKey` / `updates.timeKey` move the booking at `slot` (either may be left out:
 * it keeps its date or hour), or undefined when neither is given or they name `slot` itself.
 */
function readMoveTarget(
  updates: Record<string, unknown>,
  slot: SlotRef | undefined,
  rules: BookingRules,
  errors: FieldErrors,
): SlotRef | undefined {
  if (updates.dateKey === undefined && updates.timeKey === undefined) return undefined;
  const dateKey =
    updates.dateKey === undefined
      ? slot?.dateKey
      : readField(dateKeySchema, updates.dateKey, 'updates.dateKey', errors);
  const timeKey =
    updates.timeKey === undefined
      ? slot?.timeKey
      : readField(timeKeySchema(rules), updates.timeKey, 'updates.timeKey', errors);
  if (!slot || dateKey === undefined || timeKey === undefined) return undefined;
  if (dateKey === slot.dateKey && timeKey === slot.timeKey) return undefined;
  return { dateKey, timeKey, hour: hourOfTimeKey(timeKey) };
}

/**
 * A `PUT /api/bookings/update` body as an update command, a move when `updates` names another
 * date or hour (checked as a create there: open, not ended); throws `ValidationError`.
 */
export function parseUpdateBooking(body: unknown, context: RequestContext): UpdateBookingCommand {
  const input = asRecord(body);
  const errors: FieldErrors = {};
  const slot = readSlot(input, context.rules, errors);
  const updates = asRecord(input.updates);
  const changes: Partial<Booking> = {};
  const target = readMoveTarget(updates, slot, context.rules, errors);
  const lands = target ?? slot;
  if (updates.user !== undefined) {
    const user = readField(userSchema(context.config), updates.user, 'updates.user', errors);
    if (user !== undefined) changes.user = user;
  }
  if (updates.duration !== undefined) {
    const duration = readField(durationSchema(context.rules), updates.duration, 'updates.duration', errors);
    if (duration !== undefined) changes.duration = duration;
    if (lands && duration !== undefined && lands.hour + duration > context.rules.closeHour) {
      errors['updates.duration'] = `booking must end by ${context.rules.closeHour}:00`;
    }
  }
  if (target && isSlotPast(target.dateKey, target.hour, context.now, context.rules.timeZone)) {
    errors[updates.timeKey === undefined ? 'updates.dateKey' : 'updates.timeKey'] = 'slot has already ended';
  }
  const moves = updates.dateKey !== undefined || updates.timeKey !== undefined;
  if (updates.user === undefined && updates.duration === undefined && !moves) {
    errors.updates = 'required, with user and/or duration';
  }
  if (!slot || Object.keys(errors).length > 0) throw new ValidationError(UPDATE_FIELDS_ERROR, errors);
  return target ? { ...slot, changes, target } : { ...slot, changes };
}

/** A `DELETE /api/bookings/update` body as the slot to clear; throws `ValidationError`. */
export function parseDeleteBooking(body: unknown, context: Pick<RequestContext, 'rules'>): SlotRef {
  const errors: FieldErrors = {};
  const slot = readSlot(asRecord(body), context.rules, errors);
  if (!slot) throw new ValidationError(DELETE_FIELDS_ERROR, errors);
  return slot;
}

/** An inclusive range of dates, e.g. one week `{ from: '2026-02-16', to: '2026-02-22' }`. */
export interface DateRange {
  from: DateKey;
  to: DateKey;
}

/**
 * The `from`/`to` query of `GET /api/bookings`: both or neither; undefined means everything.
 * Throws `ValidationError` for a half-given, malformed or reversed range.
 */
export function parseDateRange(query: { from?: string; to?: string }): DateRange | undefined {
  if (query.from === undefined && query.to === undefined) return undefined;
  const errors: FieldErrors = {};
  const from = readField(dateKeySchema, query.from, 'from', errors);
  const to = readField(dateKeySchema, query.to, 'to', errors);
  if (from !== undefined && to !== undefined && from > to) errors.to = 'must not be before from';
  if (from === undefined || to === undefined || Object.keys(errors).length > 0) {
    throw new ValidationError('Invalid date range: from and to must both be YYYY-MM-DD', errors);
  }
  return { from, to };
}
