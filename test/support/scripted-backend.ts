/**
 * A test double of the network boundary, imported by the SyncEngine tests (kept out of src/ so
 * the app cannot import it).
 *
 * `ScriptedBackend` is an in-process stand-in for `BookingsBackend` whose answers each test scripts
 * — unreachable, 304, 200 with body and ETag, 409/429/503. It keeps a bookings blob and checks
 * writes with the API's own rules (demo mode's `applyLocalWrite`, i.e. the core's), so replays meet real conflicts. The real
 * HTTP API is covered end to end by e2e/offline-and-demo.test.ts; the engine tests using this
 * double pin down the engine's timing and queue logic. Also here: the shared builders those tests
 * use (a tab = one engine, storage that several tabs share, poll rounds).
 */
import type { BookingsBlob } from '../../src/core/bookings.js';
import { instantOfWallClock } from '../../src/core/time.js';
import type { DateKey, TimeKey } from '../../src/core/time.js';
import type { ApiResult } from '../../src/client/api/request.js';
import { fallbackConfig } from '../../src/client/lib/client-config.js';
import { createLocalQueueStorage, OFFLINE_QUEUE_KEY } from '../../src/client/features/offline-queue/queue-storage.js';
import type { QueueBackingStorage } from '../../src/client/features/offline-queue/queue-storage.js';
import type { LockRunner } from '../../src/client/features/offline-queue/replay-lock.js';
import type { WriteChange, WriteOp } from '../../src/client/lib/write-op.js';
import type { BookingsBackend, EventStream, StreamMessage } from '../../src/client/features/sync/backend.js';
import type { BookingChange } from '../../src/client/features/sync/booking-change.js';
import { applyLocalWrite } from '../../src/client/features/sync/local-backend.js';
import { SyncEngine } from '../../src/client/features/sync/sync-engine.js';
import type { SyncSnapshot } from '../../src/client/features/sync/sync-engine.js';

export const dateKey = '2026-11-26' as DateKey;
export const now = instantOfWallClock('2026-11-24' as DateKey, 10, 'Australia/Brisbane') + 20 * 60_000;
export const config = fallbackConfig();
export const at = (hour: number) => `${String(hour).padStart(2, '0')}:00` as TimeKey;
export const create = (hour: number, user = 'Jack', duration = 1): WriteChange => ({
  kind: 'create',
  dateKey,
  timeKey: at(hour),
  booking: { user, duration },
});
export const jackAt = (hour: number, duration = 1) => ({ [dateKey]: { [at(hour)]: { user: 'Jack', duration } } });

export type Result = ApiResult<unknown>;
/** A scripted send: a fixed result, or `lost-response` (the server applies it, the answer is lost). */
export type SendScript = Result | 'lost-response';

export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/**
 * A scripted change stream, as one EventSource: what the test pushes (`hello`, `change`, `drop`…)
 * reaches the engine as the browser's EventSource would deliver it.
 */
export class ScriptedStream implements EventStream {
  closed = false;
  constructor(
    readonly lastEventId: string,
    private readonly deliver: (message: StreamMessage) => void,
  ) {}

  push(message: StreamMessage): void {
    if (!this.closed) this.deliver(message);
  }

  /** The server's first answer at `revision`. */
  hello(revision: string): void {
    this.push({ type: 'hello', revision });
  }

  change(change: BookingChange): void {
    this.push({ type: 'change', data: change });
  }

  /** The connection broke; the browser will reconnect by itself. */
  drop(): void {
    this.push({ type: 'error', willRetry: true });
  }

  /** The server refused the stream (404 live updates off, 429): the browser gives up. */
  refuse(): void {
    this.push({ type: 'error', willRetry: false });
  }

  close(): void {
    this.closed = true;
  }
}

/** Test double: the network boundary as scripted data; with no script, answers like the API would. */
export class ScriptedBackend implements BookingsBackend {
  readonly polls = true;
  blob: BookingsBlob = {};
  version = 1;
  /** Every stream the engine opened, newest last. */
  readonly streams: ScriptedStream[] = [];
  readonly sinceAsked: string[] = [];
  /** Every change `put` made, as the log holds them (`?since=` answers from it). */
  readonly log: BookingChange[] = [];
  openStream?: BookingsBackend['openStream'];
  fetchChangesSince?: BookingsBackend['fetchChangesSince'];

  /** With `{ stream: true }` it offers the change stream and `?since=`, as API mode does. */
  constructor(options: { stream?: boolean } = {}) {
    if (!options.stream) return;
    this.openStream = (lastEventId, deliver) => {
      const stream = new ScriptedStream(lastEventId, deliver);
      this.streams.push(stream);
      return stream;
    };
    this.fetchChangesSince = (revision) => {
      this.sinceAsked.push(revision);
      if (this.down) return Promise.resolve({ kind: 'unreachable', reason: 'Failed to fetch' });
      const from = Number(revision.split('-')[1]);
      const changes = this.log.filter((change) => Number(change.revision.split('-')[1]) > from);
      return Promise.resolve({
        kind: 'ok',
        status: 200,
        body: { since: revision, revision: this.revision, changes },
        etag: this.etag,
      });
    };
  }

  /** The open stream (the last one opened). */
  get stream(): ScriptedStream {
    const stream = this.streams.at(-1);
    if (!stream) throw new Error('no stream opened');
    return stream;
  }

  get revision(): string {
    return `e-${this.version}`;
  }

  /** Another client's write of one slot, logged as the server logs it; returns the change to stream. */
  putSlot(timeKey: TimeKey, booking: { user: string; duration: number } | null): BookingChange {
    const day = { ...this.blob[dateKey] };
    if (booking) day[timeKey] = booking;
    else delete day[timeKey];
    const blob = { ...this.blob, [dateKey]: day };
    if (Object.keys(day).length === 0) delete blob[dateKey];
    this.put(blob);
    const change = { revision: this.revision, dateKey, timeKey, booking };
    this.log.push(change);
    return change;
  }
  /** Every request answers `unreachable` while true. */
  down = false;
  /** Answers for the next fetches, in order (a promise holds the answer back). */
  readonly fetchScript: (Result | Promise<Result>)[] = [];
  readonly sendScript: SendScript[] = [];
  readonly sent: WriteOp[] = [];
  readonly fetchedWith: (string | null)[] = [];

  get etag(): string {
    return `"${this.revision}"`;
  }

  /** Another client's write, straight into the server state. */
  put(blob: BookingsBlob): void {
    this.blob = blob;
    this.version += 1;
  }

  fetchBookings(etag: string | null): Promise<Result> {
    this.fetchedWith.push(etag);
    const scripted = this.fetchScript.shift();
    if (scripted) return Promise.resolve(scripted);
    if (this.down) return Promise.resolve({ kind: 'unreachable', reason: 'Failed to fetch' });
    if (etag === this.etag) return Promise.resolve({ kind: 'not-modified' });
    return Promise.resolve({ kind: 'ok', status: 200, body: structuredClone(this.blob), etag: this.etag });
  }

  send(op: WriteOp): Promise<Result> {
    const scripted = this.sendScript.shift();
    if (scripted && scripted !== 'lost-response') return Promise.resolve(scripted);
    if (this.down && !scripted) return Promise.resolve({ kind: 'unreachable', reason: 'Failed to fetch' });
    this.sent.push(op);
    const outcome = applyLocalWrite(this.blob, op, config, now);
    if (!outcome.ok) return Promise.resolve({ kind: 'rejected', status: outcome.status, error: outcome.error });
    this.put(outcome.blob);
    if (scripted === 'lost-response') return Promise.resolve({ kind: 'unreachable', reason: 'Network error' });
    return Promise.resolve({ kind: 'ok', status: outcome.status, body: outcome.body, etag: null });
  }
}

export type SharedStorage = QueueBackingStorage & { data: Map<string, string> };

/** An in-memory `Storage` that two engines (two tabs) can share. */
export function sharedStorage(): SharedStorage {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

/** The offline queue as stored. */
export function storedOps(storage: { data: Map<string, string> }): WriteOp[] {
  return JSON.parse(storage.data.get(OFFLINE_QUEUE_KEY) ?? '[]') as WriteOp[];
}

/** One tab: an engine over `backend` and `storage`, recording its snapshots and messages. Not started. */
export function tab(
  backend: ScriptedBackend,
  storage = sharedStorage(),
  lock?: LockRunner,
  streamRetryMs: readonly number[] = [30],
) {
  const snapshots: SyncSnapshot[] = [];
  const messages: string[] = [];
  const sut = new SyncEngine({
    backend,
    rules: config.rules,
    queueStorage: createLocalQueueStorage(OFFLINE_QUEUE_KEY, storage),
    lock,
    onChange: (snapshot) => snapshots.push(snapshot),
    onMessage: (message) => messages.push(message.describe(() => 0)),
    pollIntervalMs: 60_000, // polls are driven by pollNow() here
    streamRetryMs,
  });
  return { sut, storage, snapshots, messages, latest: () => sut.current() };
}

export type Tab = ReturnType<typeof tab>;

/** Lets every pending promise chain run. */
export async function settle(rounds = 20): Promise<void> {
  for (let round = 0; round < rounds; round += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A tab that has started and taken its first answer. */
export async function startedTab(backend: ScriptedBackend, storage = sharedStorage(), lock?: LockRunner) {
  const opened = tab(backend, storage, lock);
  opened.sut.start();
  await settle();
  return opened;
}

/** Each engine polls once, then everything settles. */
export async function pollRound(...engines: SyncEngine[]): Promise<void> {
  for (const engine of engines) engine.pollNow();
  await settle();
}

/** Takes the API down and lets the engines find out with one poll round. */
export async function goOffline(backend: ScriptedBackend, ...engines: SyncEngine[]): Promise<void> {
  backend.down = true;
  await pollRound(...engines);
}
