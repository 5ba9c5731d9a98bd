/**
 * The one storage interface every backend implements (STYLE.md 3), made of parts that grow on
 * their own: `bookings`, `instances` (config), `rateLimits` and `migrations`. Every mutation is a
 * single atomic step inside the backend (a transaction, or one Lua script on Redis): the conflict
 * check and the write can never be split by another request (PRODUCT.md §5.1, §10).
 *
 * A request costs one store round trip (issue 7 §6): its rate-limit count rides on its one store
 * call as a `RateLimitCharge`, and a write names the config version it was validated against.
 */
import type { Booking, BookingsBlob } from '../core/bookings.js';
import type { BookingRules } from '../core/rules.js';
import type { DateRange, SlotRef } from '../core/requests.js';
import type { MigrationReport } from './legacy-migration.js';

/** Backend name as shown by `/api/health`, e.g. `sqlite`. */
export type StoreKind = 'sqlite' | 'redis' | 'upstash';

/** A fixed-window rate-limit count after one more hit (§4.7). */
export interface RateLimitHit {
  count: number;
  /** Epoch ms at which this window started. */
  windowStart: number;
}

/**
 * Whose budget a hit spends: `{ budget: 'read', client: '203.0.113.9' }`. Read and write budgets
 * are separate buckets by construction, whatever the client string holds.
 */
export interface RateLimitBucket {
  budget: 'read' | 'write';
  /** The client's address (or any string: long or unusual ones are hashed into the key). */
  client: string;
  /**
   * The instance whose budget this is, e.g. `cps-software`: budgets are per instance, and on Redis
   * the count lives in the instance's hash slot (issue 8 §6). A charge riding on an instance's
   * call always counts in that instance's budget.
   */
  instance?: string;
}

/** One request's rate-limit count, made by the store inside the call it rides on (issue 7 §6). */
export interface RateLimitCharge {
  bucket: RateLimitBucket;
  windowMs: number;
  /** Epoch ms of the request. */
  now: number;
  /** A write whose count exceeds this is refused with `OverBudgetError` before it changes anything. */
  max: number;
  /** Receives the count as soon as the store made it, before the call resolves or rejects. */
  record(hit: RateLimitHit): void;
}

/** What a mutation is checked against in its atomic step, besides the booking rules. */
export interface WriteConditions {
  /** Refuse with `ConfigChangedError` unless the stored config still has this `version`. */
  configVersion?: string;
  /** Count the request first; over budget, nothing is changed. */
  charge?: RateLimitCharge;
}

/** A stored booking entry that is not a booking (hand-edited or damaged), left out of reads. */
export interface DamagedBooking {
  dateKey: string;
  timeKey: string;
  /** Why it was left out, e.g. `not valid JSON`. */
  reason: string;
}

/** Bookings in the wire shape, plus the entries that could not be read. */
export interface BookingsListing {
  bookings: BookingsBlob;
  damaged: DamagedBooking[];
}

/** What `bookings.read` found: the revision, and the listing unless the revision was known. */
export interface BookingsRead {
  revision: string;
  /** Absent when `revision` was one of `unlessRevision`: the caller already has that state. */
  listing?: BookingsListing;
}

/** The bookings of every instance. */
export interface BookingsStore {
  /** All bookings of an instance, or only those in the inclusive `range`. */
  list(slug: string, range?: DateRange): Promise<BookingsListing>;
  /**
   * A token that changes whenever the instance's bookings change, e.g. `k3x9-42`; never repeats
   * across a wiped store, so it can serve as an ETag.
   */
  revision(slug: string): Promise<string>;
  /**
   * The revision, and the listing of `range` unless the revision is in `unlessRevision`, in one
   * consistent step with the optional charge: an unchanged poll is one Redis command.
   */
  read(
    slug: string,
    options: { range?: DateRange; unlessRevision?: readonly string[]; charge?: RateLimitCharge },
  ): Promise<BookingsRead>;
  /** Creates a booking; throws `ConflictError` with the §4.2 text when any hour is taken. */
  create(
    slug: string,
    slot: SlotRef,
    booking: Booking,
    rules: Pick<BookingRules, 'closeHour'>,
    conditions?: WriteConditions,
  ): Promise<Booking>;
  /**
   * Merges `changes` into the booking starting at `slot` and returns the result; throws
   * `NotFoundError`, or `ConflictError` when an extension meets another booking.
   */
  update(
    slug: string,
    slot: SlotRef,
    changes: Partial<Booking>,
    rules: Pick<BookingRules, 'closeHour'>,
    conditions?: WriteConditions,
  ): Promise<Booking>;
  /**
   * Moves the booking starting at `slot` to `to` with `changes` merged, and returns it (issue 9
   * §9): the check (the create rule at `to`, the booking's own hours never blocking it) and the
   * write are one atomic step, logged as two changes in order: `slot` emptied, then `to` booked.
   * Throws `NotFoundError` (also for a damaged entry), or `ConflictError` with the text of
   * `moveConflictMessage`, e.g. `Cannot move: slot 13:00 is already booked`.
   */
  move(
    slug: string,
    slot: SlotRef,
    to: SlotRef,
    changes: Partial<Booking>,
    rules: Pick<BookingRules, 'closeHour'>,
    conditions?: WriteConditions,
  ): Promise<Booking>;
  /** Deletes the booking starting at `slot`; throws `NotFoundError` when there is none. */
  delete(slug: string, slot: SlotRef, conditions?: WriteConditions): Promise<void>;
  /**
   * Replaces every booking of an instance in one step (import and migration); no rule checks,
   * so data the original stored is kept exactly.
   */
  replace(slug: string, bookings: BookingsBlob): Promise<void>;
}

/**
 * An instance's config as stored: the text (null when none) and its `version`, the SHA-1 of the
 * text (`none` when missing), which changes with any edit, even one made by hand in Redis.
 */
export interface StoredConfig {
  text: string | null;
  version: string;
}

/** An instance whose config is stored, e.g. `{ slug: 'team-a', config: { text: '{…}', version: '…' } }`. */
export interface StoredInstance {
  slug: string;
  config: StoredConfig;
}

/** The instances and their configuration; an instance exists when its config is stored (issue 10 §1). */
export interface InstancesStore {
  /** The stored config of `slug`, with the optional charge counted in the same step. */
  getConfig(slug: string, options?: { charge?: RateLimitCharge }): Promise<StoredConfig>;
  /** Stores an instance's config (already validated by the caller) as JSON. */
  setConfig(slug: string, config: unknown): Promise<void>;
  /** Every instance whose config is stored, sorted by slug. */
  list(): Promise<StoredInstance[]>;
  /**
   * Stores the config of a new instance (already validated) in one atomic step; throws
   * `ConflictError('Instance already exists')` when `slug` has a config, changing nothing.
   */
  create(slug: string, config: unknown): Promise<void>;
  /**
   * Removes everything of `slug` (config, bookings, revision, change log, rate-limit counts and
   * the original's keys) so that nothing of it is seen afterwards, not even by a write in
   * flight; resolves true when a config was stored. Safe to repeat after a failure.
   */
  remove(slug: string): Promise<boolean>;
}

/** The `ConflictError` text of `InstancesStore.create` (and the admin API's 409, issue 10 §2). */
export const INSTANCE_EXISTS = 'Instance already exists';

/** Rate-limit counting on its own, for requests that make no other store call. */
export interface RateLimitsStore {
  /** Counts one request for `bucket` in a fixed window of `windowMs` starting at its first hit. */
  hit(bucket: RateLimitBucket, windowMs: number, now: number): Promise<RateLimitHit>;
}

/** Moving data the original (or an older Hourbook) stored into today's layout. */
export interface MigrationsStore {
  /**
   * Moves the original's blob of `slug` into the store's layout once, atomically; reports
   * `not-applicable` on a backend the original never wrote to (SQLite).
   */
  migrateLegacy(slug: string): Promise<MigrationReport>;
  /**
   * Moves bookings an older Hourbook stored in a layout this one no longer reads (on Redis: the
   * untagged keys before issue 8) once, atomically per instance; run before `migrateLegacy`.
   */
  upgradeLayout(slug: string): Promise<LayoutUpgradeReport>;
}

/** What `upgradeLayout` did: `upgraded` with the days and bookings moved, or why nothing was to do. */
export interface LayoutUpgradeReport {
  status: 'upgraded' | 'already-upgraded' | 'nothing-to-upgrade' | 'not-applicable';
  days: number;
  bookings: number;
}

/**
 * One change as the event log holds it and the change stream sends it: the revision it produced
 * and the slot's new booking, or `null` for a delete, e.g.
 * `{ revision: 'k3x9-42', dateKey: '2026-12-01', timeKey: '10:00', booking: { user: 'Ann', duration: 2 } }`.
 */
export interface BookingChange {
  revision: string;
  dateKey: string;
  timeKey: string;
  booking: Booking | null;
}

/** What `changes.since` found: the current revision, and the changes after the asked one. */
export interface ChangesSince {
  revision: string;
  /** In order; `null` when the log no longer holds them (trimmed, another epoch, or a replace). */
  changes: BookingChange[] | null;
}

/** What a watcher hears: one change, or `resync` when changes cannot be told one by one. */
export type ChangeNotice = { type: 'change'; change: BookingChange } | { type: 'resync'; revision: string };

/** How many changes each instance's log keeps (issue 8 §2): older ones answer `changes: null`. */
export const CHANGE_LOG_LIMIT = 1000;

/**
 * The bounded per-instance log of booking changes, written in the same atomic step as the change
 * (so an event never precedes, contradicts or misses stored state), and a feed of new entries.
 */
export interface ChangesStore {
  /** The changes after `revision` (e.g. `k3x9-40`), with the optional charge counted in the same step. */
  since(slug: string, revision: string, options?: { charge?: RateLimitCharge }): Promise<ChangesSince>;
  /**
   * Calls `listener` with every change of `slug` made after this call (or after revision
   * `options.after` when this call starts the watch), by any process sharing the store, in
   * order; returns the unsubscribe function. Work happens only while watched.
   */
  watch(slug: string, listener: (notice: ChangeNotice) => void, options?: { after?: string }): () => void;
}

/** A store: its parts, plus what concerns the connection as a whole. */
export interface Store {
  readonly kind: StoreKind;
  /** Where the data lives, with no secret in it, e.g. `data/hourbook.db` or `redis://host:6379`. */
  readonly target: string;
  readonly bookings: BookingsStore;
  readonly instances: InstancesStore;
  readonly rateLimits: RateLimitsStore;
  readonly migrations: MigrationsStore;
  readonly changes: ChangesStore;
  /** Resolves when the backend answers; rejects with `StorageUnavailableError` otherwise. */
  ping(): Promise<void>;
  /** Releases connections and files. */
  close(): Promise<void>;
}

/** A write refused because the config changed since it was validated; carries the current one. */
export class ConfigChangedError extends Error {
  constructor(readonly current: StoredConfig) {
    super('Instance config changed since the request was validated');
    this.name = 'ConfigChangedError';
  }
}

/** A write refused, unchanged, because its charge went over budget; carries the count made. */
export class OverBudgetError extends Error {
  constructor(readonly hit: RateLimitHit) {
    super('Rate-limit budget spent; nothing was changed');
    this.name = 'OverBudgetError';
  }
}
