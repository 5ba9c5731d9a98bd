/**
 * SyncEngine in several tabs sharing one storage (one offline queue) against `ScriptedBackend`,
 * the test double of the network boundary (test/support/scripted-backend.ts): nothing lost when a tab closes,
 * each stored change sent once, with or without a shared Web Lock. One tab:
 * sync-engine-single-tab.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createLocalQueueStorage, OFFLINE_QUEUE_KEY } from '../offline-queue/queue-storage.js';
import type { LockRunner } from '../offline-queue/replay-lock.js';
import {
  at,
  config,
  create,
  dateKey,
  goOffline,
  jackAt,
  pollRound,
  ScriptedBackend,
  settle,
  sharedStorage,
  storedOps,
  tab,
} from '../../../../test/support/scripted-backend.js';
import { SyncEngine } from './sync-engine.js';
import type { SyncSnapshot } from './sync-engine.js';

/** Two started tabs on one storage whose polls have found the API down. */
async function bothOffline(lock?: LockRunner) {
  const backend = new ScriptedBackend();
  const storage = sharedStorage();
  const a = tab(backend, storage, lock);
  const b = tab(backend, storage, lock);
  a.sut.start();
  b.sut.start();
  await settle();
  await goOffline(backend, a.sut, b.sut);
  return { backend, storage, a, b };
}

const jackAt15BonnieAt18 = {
  [dateKey]: { [at(15)]: { user: 'Jack', duration: 1 }, [at(18)]: { user: 'Bonnie', duration: 1 } },
};

describe('SyncEngine in two tabs sharing one storage', () => {
  it('keeps both tabs’ offline changes when one tab closes before the API returns', async () => {
    const { backend, storage, a, b } = await bothOffline();
    a.sut.submit(create(15));
    b.sut.submit(create(18, 'Bonnie'));
    expect(storedOps(storage).map((op) => op.timeKey)).toEqual([at(15), at(18)]);
    a.sut.stop(); // tab A closes
    backend.down = false;
    await pollRound(b.sut);
    expect(backend.sent.map((op) => op.timeKey)).toEqual([at(15), at(18)]);
    expect(backend.blob).toEqual(jackAt15BonnieAt18);
    expect(storedOps(storage)).toEqual([]);
    expect(b.latest()).toMatchObject({ blob: backend.blob, status: 'polling', queued: 0 });
    expect([...a.messages, ...b.messages]).toEqual(['2 offline changes saved']);
    b.sut.stop();
  });

  it('sends each stored change once when both tabs come back at the same moment', async () => {
    const { backend, storage, a, b } = await bothOffline();
    a.sut.submit(create(15));
    b.sut.submit(create(18, 'Bonnie'));
    a.sut.submit({ kind: 'delete', dateKey, timeKey: at(15) });
    // Each tab sees the other's ops (via the storage event, here the re-read on a poll).
    await pollRound(a.sut, b.sut);
    expect(a.latest().queued).toBe(3);
    expect(b.latest().queued).toBe(3);
    expect(b.latest().blob).toEqual({ [dateKey]: { [at(18)]: { user: 'Bonnie', duration: 1 } } });
    backend.down = false;
    await pollRound(a.sut, b.sut);
    await pollRound(a.sut, b.sut);
    expect(backend.sent.map((op) => `${op.kind} ${op.timeKey}`)).toEqual([
      `create ${at(15)}`,
      `create ${at(18)}`,
      `delete ${at(15)}`,
    ]);
    expect([...a.messages, ...b.messages]).toEqual(['3 offline changes saved']);
    expect(storedOps(storage)).toEqual([]);
    for (const { latest } of [a, b]) {
      expect(latest()).toMatchObject({ blob: backend.blob, status: 'polling', queued: 0 });
    }
    a.sut.stop();
    b.sut.stop();
  });

  it('replays a queue left by an earlier tab once when a new tab opens next to it', async () => {
    const { backend, storage, a } = await bothOffline();
    a.sut.submit(create(15));
    a.sut.submit(create(16, 'Rue'));
    backend.down = false;
    const c = tab(backend, storage); // opened while A's queue is stored
    expect(c.latest().queued).toBe(2);
    c.sut.start();
    await pollRound(a.sut);
    await pollRound(a.sut, c.sut);
    expect(backend.sent.map((op) => op.timeKey)).toEqual([at(15), at(16)]);
    expect([...a.messages, ...c.messages]).toEqual(['2 offline changes saved']);
    expect(storedOps(storage)).toEqual([]);
    a.sut.stop();
    c.sut.stop();
  });

  it('without a shared lock (a browser lacking Web Locks) loses nothing and reports no false conflict', async () => {
    const noLock: LockRunner = (_name, task) => task();
    const { backend, storage, a, b } = await bothOffline(noLock);
    a.sut.submit(create(15));
    b.sut.submit(create(18, 'Bonnie'));
    backend.down = false;
    await pollRound(a.sut, b.sut);
    await pollRound(a.sut, b.sut);
    expect(backend.blob).toEqual(jackAt15BonnieAt18);
    // Each tab may count a change the other sent (no lock to share): only saved counts, no conflict.
    expect([...a.messages, ...b.messages].every((text) => /^\d offline changes? saved$/.test(text))).toBe(true);
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
      onMessage: (message) => messages.push(message.describe(() => 0)),
      pollIntervalMs: 60_000,
    });
    a.sut.start();
    b.start();
    await settle();
    await goOffline(backend, a.sut);
    a.sut.submit(create(15));
    listeners.forEach((listener) => listener()); // B hears of A's stored op
    expect(b.current()).toMatchObject({ blob: jackAt(15), queued: 1 });
    backend.down = false;
    await pollRound(a.sut);
    expect(backend.sent).toHaveLength(1);
    const from = snapshots.length;
    listeners.forEach((listener) => listener()); // B hears that it was sent
    await new Promise((resolve) => setTimeout(resolve, 600));
    await settle();
    expect(snapshots.slice(from).every((snapshot) => snapshot.blob[dateKey]?.[at(15)])).toBe(true);
    expect(b.current()).toMatchObject({ blob: jackAt(15), status: 'polling', queued: 0 });
    expect(backend.sent).toHaveLength(1);
    expect(messages).toEqual(['1 offline change saved']);
    a.sut.stop();
    b.stop();
  });
});
