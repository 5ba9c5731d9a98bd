/**
 * SyncEngine against `ScriptedBackend`: an in-process stand-in for the network boundary
 * (`BookingsBackend`) whose answers each test scripts — unreachable, 304, 200 with body and ETag,
 * 409/429/503. It keeps a bookings blob and checks writes with the API's own rules
 * (`applyLocalWrite`), so replays meet real conflicts. The real HTTP API is covered end to end by
 * e2e/offline-and-demo.test.ts; here the engine's timing and queue logic is pinned down.
 */
import { describe, expect, it } from 'vitest';
import type { BookingsBlob } from '../../../core/bookings.js';
import { instantOfWallClock } from '../../../core/time.js';
import type { DateKey, TimeKey } from '../../../core/time.js';
import type { ApiResult } from '../../api/request.js';
import { fallbackConfig } from '../config/client-config.js';
import { createLocalQueueStorage, OFFLINE_QUEUE_KEY } from '../offline-queue/queue-storage.js';
import type { QueueBackingStorage } from '../offline-queue/queue-storage.js';
import type { LockRunner } from '../offline-queue/replay-lock.js';
import type { WriteChange, WriteOp } from '../offline-queue/write-op.js';
import type { BookingsBackend } from './backend.js';
import { applyLocalWrite } from './local-rules.js';
import { SyncEngine } from './sync-engine.js';
import type { SyncSnapshot } from './sync-engine.js';

const dateKey = '2026-11-26' as DateKey;
const now = instantOfWallClock('2026-11-24' as DateKey, 10, 'Australia/Brisbane') + 20 * 60_000;
const config = fallbackConfig();
const at = (hour: number) => `${String(hour).padStart(2, '0')}:00` as TimeKey;
const create = (hour: number, user = 'Jack', duration = 1): WriteChange => ({
  kind: 'create',
  dateKey,
  timeKey: at(hour),
  booking: { user, duration },
});

type Result = ApiResult<unknown>;
/** A scripted send: a fixed result, or `lost-response` (the server applies it, the answer is lost). */
type SendScript = Result | 'lost-response';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** The network boundary as scripted data; with no script, answers like the API would. */
class ScriptedBackend implements BookingsBackend {
  readonly polls = true;
  blob: BookingsBlob = {};
  version = 1;
  /** Every request answers `unreachable` while true. */
  down = false;
  /** Answers for the next fetches, in order (a promise holds the answer back). */
  readonly fetchScript: (Result | Promise<Result>)[] = [];
  readonly sendScript: SendScript[] = [];
  readonly sent: WriteOp[] = [];
  readonly fetchedWith: (string | null)[] = [];

  get etag(): string {
    return `"v${this.version}"`;
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
    return Promise.resolve({
      kind: 'ok',
      status: op.kind === 'create' ? 201 : 200,
      body: { success: true },
      etag: null,
    });
  }
}

/** An in-memory `Storage` that two engines (two tabs) can share. */
function sharedStorage(): QueueBackingStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

function storedOps(storage: { data: Map<string, string> }): WriteOp[] {
  return JSON.parse(storage.data.get(OFFLINE_QUEUE_KEY) ?? '[]') as WriteOp[];
}

function tab(backend: ScriptedBackend, storage = sharedStorage(), lock?: LockRunner) {
  const snapshots: SyncSnapshot[] = [];
  const messages: string[] = [];
  const sut = new SyncEngine({
    backend,
    rules: config.rules,
    queueStorage: createLocalQueueStorage(OFFLINE_QUEUE_KEY, storage),
    lock,
    onChange: (snapshot) => snapshots.push(snapshot),
    onMessage: (text) => messages.push(text),
    pollIntervalMs: 60_000, // polls are driven by pollNow() here
  });
  return { sut, storage, snapshots, messages, latest: () => sut.current() };
}

/** Lets every pending promise chain run. */
async function settle(rounds = 20): Promise<void> {
  for (let round = 0; round < rounds; round += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

const jackAt = (hour: number, duration = 1) => ({ [dateKey]: { [at(hour)]: { user: 'Jack', duration } } });

describe('SyncEngine with a scripted backend', () => {
  it('emits no new snapshot for a 304', async () => {
    const backend = new ScriptedBackend();
    backend.put(jackAt(12));
    const { sut, snapshots, latest } = tab(backend);
    sut.start();
    await settle();
    expect(latest()).toMatchObject({ blob: jackAt(12), status: 'live' });
    const count = snapshots.length;
    sut.pollNow();
    await settle();
    expect(backend.fetchedWith.at(-1)).toBe(backend.etag);
    expect(snapshots).toHaveLength(count);
    sut.stop();
  });

  it('discards a poll issued before a write settled', async () => {
    const backend = new ScriptedBackend();
    const { sut, snapshots, latest } = tab(backend);
    sut.start();
    await settle();
    const held = deferred<Result>();
    backend.fetchScript.push(held.promise);
    sut.pollNow(); // issued now, answered with the state from before the write
    sut.submit(create(14));
    await settle();
    expect(backend.blob).toEqual(jackAt(14));
    const from = snapshots.length;
    held.resolve({ kind: 'ok', status: 200, body: {}, etag: '"old"' });
    await settle();
    expect(snapshots.slice(from).every((snapshot) => snapshot.blob[dateKey]?.[at(14)])).toBe(true);
    expect(latest()).toMatchObject({ blob: jackAt(14), status: 'live' });
    sut.stop();
  });

  it('goes offline on a 503 or an unreachable API and keeps the last state', async () => {
    const backend = new ScriptedBackend();
    backend.put(jackAt(12));
    const { sut, latest } = tab(backend);
    sut.start();
    await settle();
    backend.fetchScript.push({ kind: 'rejected', status: 503, error: 'Service unavailable' });
    sut.pollNow();
    await settle();
    expect(latest()).toMatchObject({ blob: jackAt(12), status: 'offline' });
    backend.fetchScript.push({ kind: 'unreachable', reason: 'Failed to fetch' });
    sut.pollNow();
    await settle();
    expect(latest()).toMatchObject({ blob: jackAt(12), status: 'offline' });
    sut.stop();
  });

  it('stores a change made offline and replays it once when the API returns', async () => {
    const backend = new ScriptedBackend();
    const { sut, storage, latest, messages } = tab(backend);
    sut.start();
    await settle();
    backend.down = true;
    sut.pollNow();
    await settle();
    sut.submit(create(15));
    await settle();
    expect(latest()).toMatchObject({ blob: jackAt(15), status: 'offline', queued: 1 });
    expect(storedOps(storage)).toHaveLength(1);
    expect(backend.sent).toHaveLength(0);
    backend.down = false;
    sut.pollNow();
    await settle();
    sut.pollNow();
    await settle();
    expect(backend.sent).toHaveLength(1);
    expect(backend.blob).toEqual(jackAt(15));
    expect(storage.data.has(OFFLINE_QUEUE_KEY)).toBe(false);
    expect(latest()).toMatchObject({ blob: jackAt(15), status: 'live', queued: 0 });
    expect(messages).toEqual([]);
    sut.stop();
  });

  it('reports a replay refused with 409 once, after rolling back to the server', async () => {
    const backend = new ScriptedBackend();
    const { sut, storage, latest, messages } = tab(backend);
    sut.start();
    await settle();
    backend.down = true;
    sut.pollNow();
    await settle();
    sut.submit(create(15, 'Jack', 2));
    backend.put({ [dateKey]: { [at(16)]: { user: 'Bonnie', duration: 1 } } }); // someone else, meanwhile
    backend.down = false;
    sut.pollNow();
    await settle();
    sut.pollNow();
    await settle();
    expect(messages).toEqual([`Offline change for ${dateKey} not saved: 16:00 was just booked by Bonnie`]);
    expect(backend.sent).toHaveLength(1);
    expect(storedOps(storage)).toEqual([]);
    expect(latest()).toMatchObject({ blob: backend.blob, status: 'live', queued: 0 });
    sut.stop();
  });

  it('retries a rate-limited replay on a later poll instead of reporting it', async () => {
    const backend = new ScriptedBackend();
    const { sut, storage, messages } = tab(backend);
    sut.start();
    await settle();
    backend.down = true;
    sut.pollNow();
    await settle();
    sut.submit(create(15));
    backend.down = false;
    backend.sendScript.push({ kind: 'rejected', status: 429, error: 'Too many requests' });
    sut.pollNow();
    await settle();
    expect(storedOps(storage)).toHaveLength(1);
    sut.pollNow();
    await settle();
    expect(storedOps(storage)).toEqual([]);
    expect(backend.blob).toEqual(jackAt(15));
    expect(messages).toEqual([]);
    sut.stop();
  });

  it('does not call a change whose answer was lost a conflict when its replay meets it', async () => {
    const backend = new ScriptedBackend();
    backend.put(jackAt(9));
    const { sut, storage, latest, messages } = tab(backend);
    sut.start();
    await settle();
    backend.sendScript.push('lost-response', 'lost-response');
    sut.submit(create(15, 'Jack', 2)); // applied, answer lost: stored and offline
    await settle();
    expect(latest()).toMatchObject({ status: 'offline', queued: 1 });
    sut.submit({ kind: 'delete', dateKey, timeKey: at(9) }); // made offline, stored
    expect(storedOps(storage)).toHaveLength(2);
    backend.down = false;
    backend.sendScript.length = 0;
    // The create's replay meets its earlier self (409); the delete's replay then loses its answer too.
    backend.sendScript.push('lost-response', 'lost-response');
    sut.pollNow();
    await settle();
    sut.pollNow(); // replays the delete again: 404
    await settle();
    sut.pollNow();
    await settle();
    expect(backend.sent.map((op) => op.kind)).toEqual(['create', 'create', 'delete', 'delete']);
    expect(messages).toEqual([]);
    expect(storedOps(storage)).toEqual([]);
    expect(latest()).toMatchObject({ blob: jackAt(15, 2), status: 'live', queued: 0 });
    sut.stop();
  });

  it('still reports a replayed update refused while the server shows something else', async () => {
    const backend = new ScriptedBackend();
    backend.put(jackAt(10));
    const { sut, messages } = tab(backend);
    sut.start();
    await settle();
    backend.down = true;
    sut.pollNow();
    await settle();
    sut.submit({ kind: 'update', dateKey, timeKey: at(10), updates: { duration: 2 } });
    backend.put({ [dateKey]: { [at(10)]: { user: 'Jack', duration: 1 }, [at(11)]: { user: 'Joel', duration: 1 } } });
    backend.down = false;
    sut.pollNow();
    await settle();
    expect(messages).toEqual([`Offline change for ${dateKey} not saved: Cannot extend: 11:00 was just booked by Joel`]);
    sut.stop();
  });
});

describe('SyncEngine in two tabs sharing one storage', () => {
  async function bothOffline(backend: ScriptedBackend, storage: ReturnType<typeof sharedStorage>, lock?: LockRunner) {
    const a = tab(backend, storage, lock);
    const b = tab(backend, storage, lock);
    a.sut.start();
    b.sut.start();
    await settle();
    backend.down = true;
    a.sut.pollNow();
    b.sut.pollNow();
    await settle();
    return { a, b };
  }

  it('keeps both tabs’ offline changes when one tab closes before the API returns', async () => {
    const backend = new ScriptedBackend();
    const storage = sharedStorage();
    const { a, b } = await bothOffline(backend, storage);
    a.sut.submit(create(15));
    b.sut.submit(create(18, 'Bonnie'));
    expect(storedOps(storage).map((op) => op.timeKey)).toEqual([at(15), at(18)]);
    a.sut.stop(); // tab A closes
    backend.down = false;
    b.sut.pollNow();
    await settle();
    expect(backend.sent.map((op) => op.timeKey)).toEqual([at(15), at(18)]);
    expect(backend.blob).toEqual({
      [dateKey]: { [at(15)]: { user: 'Jack', duration: 1 }, [at(18)]: { user: 'Bonnie', duration: 1 } },
    });
    expect(storedOps(storage)).toEqual([]);
    expect(b.latest()).toMatchObject({ blob: backend.blob, status: 'live', queued: 0 });
    expect([...a.messages, ...b.messages]).toEqual([]);
    b.sut.stop();
  });

  it('sends each stored change once when both tabs come back at the same moment', async () => {
    const backend = new ScriptedBackend();
    const storage = sharedStorage();
    const { a, b } = await bothOffline(backend, storage);
    a.sut.submit(create(15));
    b.sut.submit(create(18, 'Bonnie'));
    a.sut.submit({ kind: 'delete', dateKey, timeKey: at(15) });
    // Each tab sees the other's ops (via the storage event, here the re-read on a poll).
    a.sut.pollNow();
    b.sut.pollNow();
    await settle();
    expect(a.latest().queued).toBe(3);
    expect(b.latest().queued).toBe(3);
    expect(b.latest().blob).toEqual({ [dateKey]: { [at(18)]: { user: 'Bonnie', duration: 1 } } });
    backend.down = false;
    a.sut.pollNow();
    b.sut.pollNow();
    await settle();
    a.sut.pollNow();
    b.sut.pollNow();
    await settle();
    expect(backend.sent.map((op) => `${op.kind} ${op.timeKey}`)).toEqual([
      `create ${at(15)}`,
      `create ${at(18)}`,
      `delete ${at(15)}`,
    ]);
    expect([...a.messages, ...b.messages]).toEqual([]);
    expect(storedOps(storage)).toEqual([]);
    for (const { latest } of [a, b]) {
      expect(latest()).toMatchObject({ blob: backend.blob, status: 'live', queued: 0 });
    }
    a.sut.stop();
    b.sut.stop();
  });

  it('replays a queue left by an earlier tab once when a new tab opens next to it', async () => {
    const backend = new ScriptedBackend();
    const storage = sharedStorage();
    const { a } = await bothOffline(backend, storage);
    a.sut.submit(create(15));
    a.sut.submit(create(16, 'Rue'));
    backend.down = false;
    const c = tab(backend, storage); // opened while A's queue is stored
    expect(c.latest().queued).toBe(2);
    c.sut.start();
    a.sut.pollNow();
    await settle();
    a.sut.pollNow();
    c.sut.pollNow();
    await settle();
    expect(backend.sent.map((op) => op.timeKey)).toEqual([at(15), at(16)]);
    expect([...a.messages, ...c.messages]).toEqual([]);
    expect(storedOps(storage)).toEqual([]);
    a.sut.stop();
    c.sut.stop();
  });

  it('without a shared lock (a browser lacking Web Locks) loses nothing and reports no false conflict', async () => {
    const backend = new ScriptedBackend();
    const storage = sharedStorage();
    const noLock: LockRunner = (_name, task) => task();
    const { a, b } = await bothOffline(backend, storage, noLock);
    a.sut.submit(create(15));
    b.sut.submit(create(18, 'Bonnie'));
    backend.down = false;
    a.sut.pollNow();
    b.sut.pollNow();
    await settle();
    a.sut.pollNow();
    b.sut.pollNow();
    await settle();
    expect(backend.blob).toEqual({
      [dateKey]: { [at(15)]: { user: 'Jack', duration: 1 }, [at(18)]: { user: 'Bonnie', duration: 1 } },
    });
    expect([...a.messages, ...b.messages]).toEqual([]);
    expect(storedOps(storage)).toEqual([]);
    a.sut.stop();
    b.sut.stop();
  });

  it('follows another tab’s replay through the storage event without a flicker', async () => {
    const backend = new ScriptedBackend();
    const storage = sharedStorage();
    const listeners: (() => void)[] = [];
    const watched = {
      ...createLocalQueueStorage(OFFLINE_QUEUE_KEY, storage),
      subscribe(listener: () => void) {
        listeners.push(listener);
        return () => undefined;
      },
    };
    const a = tab(backend, storage);
    const messages: string[] = [];
    const snapshots: SyncSnapshot[] = [];
    const b = new SyncEngine({
      backend,
      rules: config.rules,
      queueStorage: watched,
      onChange: (snapshot) => snapshots.push(snapshot),
      onMessage: (text) => messages.push(text),
      pollIntervalMs: 60_000,
    });
    a.sut.start();
    b.start();
    await settle();
    backend.down = true;
    a.sut.pollNow();
    await settle();
    a.sut.submit(create(15));
    listeners.forEach((listener) => listener()); // B hears of A's stored op
    expect(b.current()).toMatchObject({ blob: jackAt(15), queued: 1 });
    backend.down = false;
    a.sut.pollNow();
    await settle();
    expect(backend.sent).toHaveLength(1);
    const from = snapshots.length;
    listeners.forEach((listener) => listener()); // B hears that it was sent
    await new Promise((resolve) => setTimeout(resolve, 600));
    await settle();
    expect(snapshots.slice(from).every((snapshot) => snapshot.blob[dateKey]?.[at(15)])).toBe(true);
    expect(b.current()).toMatchObject({ blob: jackAt(15), status: 'live', queued: 0 });
    expect(backend.sent).toHaveLength(1);
    expect(messages).toEqual([]);
    a.sut.stop();
    b.stop();
  });
});
