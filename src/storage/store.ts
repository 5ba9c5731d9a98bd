/**
 * The one storage interface every backend implements (STYLE.md 3). Every mutation is a single
 * atomic step inside the backend (a transaction, or one Lua script on Redis): the conflict check
 * and the write can never be split by another request (PRODUCT.md §5.1, §10).
 */
import type { Booking, BookingsBlob } from '../core/bookings.js';
import type { BookingRules } from '../core/rules.js';
import type { DateRange, SlotRef } from '../core/requests.js';

export type StoreKind = 'sqlite' | 'redis' | 'upstash';

/** A fixed-window rate-limit count after one more hit (§4.7). */
export interface RateLimitHit {
  count: number;
  /** Epoch ms at which this window started. */
  windowStart: number;
}

export interface BookingStore {
  /** Backend name as shown by `/api/health`, e.g. `sqlite`. */
  readonly kind: StoreKind;
  /** Where the data lives, with no secret in it, e.g. `data/hourbook.db` or `redis://host:6379`. */
  readonly target: string;

  /** The stored config JSON of an instance, or null when none was stored. */
  getConfig(slug: string): Promise<unknown>;
  /** Stores an instance's config (already validated by the caller). */
  setConfig(slug: string, config: unknown): Promise<void>;

  /** All bookings of an instance, or only those in the inclusive `range`, in the wire shape. */
  listBookings(slug: string, range?: DateRange): Promise<BookingsBlob>;
  /**
   * A token that changes whenever the instance's bookings change, e.g. `k3x9-42`; never repeats
   * across a wiped store, so it can serve as an ETag.
   */
  getRevision(slug: string): Promise<string>;

  /** Creates a booking; throws `ConflictError` with the §4.2 text when any hour is taken. */
  createBooking(
    slug: string,
    slot: SlotRef,
    booking: Booking,
    rules: Pick<BookingRules, 'closeHour'>,
  ): Promise<Booking>;
  /**
   * Merges `changes` into the booking starting at `slot` and returns the result; throws
   * `NotFoundError`, or `ConflictError` when an extension meets another booking.
   */
  updateBooking(
    slug: string,
    slot: SlotRef,
    changes: Partial<Booking>,
    rules: Pick<BookingRules, 'closeHour'>,
  ): Promise<Booking>;
  /** Deletes the booking starting at `slot`; throws `NotFoundError` when there is none. */
  deleteBooking(slug: string, slot: SlotRef): Promise<void>;
  /**
   * Replaces every booking of an instance in one step (import and migration); no rule checks,
   * so data the original stored is kept exactly.
   */
  replaceBookings(slug: string, bookings: BookingsBlob): Promise<void>;

  /** Counts one request for `bucket` in a fixed window of `windowMs` starting at its first hit. */
  hitRateLimit(bucket: string, windowMs: number, now: number): Promise<RateLimitHit>;
  /**
   * `hitRateLimit` and `getRevision(slug)` in one atomic step: on Redis one billed command, so
   * an unchanged poll (304) costs one command in total (issue 3).
   */
  hitRateLimitAndGetRevision(
    bucket: string,
    windowMs: number,
    now: number,
    slug: string,
  ): Promise<{ hit: RateLimitHit; revision: string }>;

  /** Resolves when the backend answers; rejects with `StorageUnavailableError` otherwise. */
  ping(): Promise<void>;
  /** Releases connections and files. */
  close(): Promise<void>;
}
