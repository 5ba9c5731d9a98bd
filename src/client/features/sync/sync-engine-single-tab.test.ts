/**
 * SyncEngine in one tab against `ScriptedBackend`, the test double of the network boundary
 * (test/support/scripted-backend.ts): 304s, stale polls, going offline, and replaying the stored queue.
 * Several tabs sharing one storage: sync-engine-shared-tabs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { BookingsBlob } from '../../../core/bookings.js';
import { OFFLINE_QUEUE_KEY } from '../offline-queue/queue-storage.js';
import {
  at,
  create,
  dateKey,
  deferred,
  goOffline,
  jackAt,
  pollRound,
  ScriptedBackend,
  settle,
  startedTab,
  storedOps,
} from '../../../../test/support/scripted-backend.js';
import type { Result } from '../../../../test/support/scripted-backend.js';

/** A started tab on a backend holding `initial` (if given). */
async function liveTab(initial?: BookingsBlob) {
  const backend = new ScriptedBackend();
  if (initial) backend.put(initial);
  return { backend, ...(await startedTab(backend)) };
}

/** A started tab whose poll has found the API down. */
async function offlineTab(initial?: BookingsBlob) {
  const opened = await liveTab(initial);
  await goOffline(opened.backend, opened.sut);
  return opened;
}

describe('SyncEngine with a scripted backend', () => {
  it('emits no new snapshot for a 304', async () => {
    const { backend, sut, snapshots, latest } = await liveTab(jackAt(12));
    expect(latest()).toMatchObject({ blob: jackAt(12), status: 'polling' });
    const count = snapshots.length;
    await pollRound(sut);
    expect(backend.fetchedWith.at(-1)).toBe(backend.etag);
    expect(snapshots).toHaveLength(count);
    sut.stop();
  });

  it('discards a poll issued before a write settled', async () => {
    const { backend, sut, snapshots, latest } = await liveTab();
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
    expect(latest()).toMatchObject({ blob: jackAt(14), status: 'polling' });
    sut.stop();
  });

  it('goes offline on a 503 or an unreachable API and keeps the last state', async () => {
    const { backend, sut, latest } = await liveTab(jackAt(12));
    backend.fetchScript.push({ kind: 'rejected', status: 503, error: 'Service unavailable' });
    await pollRound(sut);
    expect(latest()).toMatchObject({ blob: jackAt(12), status: 'offline' });
    backend.fetchScript.push({ kind: 'unreachable', reason: 'Failed to fetch' });
    await pollRound(sut);
    expect(latest()).toMatchObject({ blob: jackAt(12), status: 'offline' });
    sut.stop();
  });

  it('stores a change made offline and replays it once when the API returns', async () => {
    const { backend, sut, storage, latest, messages } = await offlineTab();
    sut.submit(create(15));
    await settle();
    expect(latest()).toMatchObject({ blob: jackAt(15), status: 'offline', queued: 1 });
    expect(storedOps(storage)).toHaveLength(1);
    expect(backend.sent).toHaveLength(0);
    backend.down = false;
    await pollRound(sut);
    await pollRound(sut);
    expect(backend.sent).toHaveLength(1);
    expect(backend.blob).toEqual(jackAt(15));
    expect(storage.data.has(OFFLINE_QUEUE_KEY)).toBe(false);
    expect(latest()).toMatchObject({ blob: jackAt(15), status: 'polling', queued: 0 });
    expect(messages).toEqual(['1 offline change saved']);
    sut.stop();
  });

  it('reports a replay refused with 409 once, after rolling back to the server', async () => {
    const { backend, sut, storage, latest, messages } = await offlineTab();
    sut.submit(create(15, 'Jack', 2));
    backend.put({ [dateKey]: { [at(16)]: { user: 'Bonnie', duration: 1 } } }); // someone else, meanwhile
    backend.down = false;
    await pollRound(sut);
    await pollRound(sut);
    expect(messages).toEqual([
      'Offline booking for Jack, Thu 26 Nov 3-5 PM (2 hours), was not saved: 4:00 PM was just booked by Bonnie',
    ]);
    expect(backend.sent).toHaveLength(1);
    expect(storedOps(storage)).toEqual([]);
    expect(latest()).toMatchObject({ blob: backend.blob, status: 'polling', queued: 0 });
    sut.stop();
  });

  it('retries a rate-limited replay on a later poll instead of reporting it', async () => {
    const { backend, sut, storage, messages } = await offlineTab();
    sut.submit(create(15));
    backend.down = false;
    backend.sendScript.push({ kind: 'rejected', status: 429, error: 'Too many requests' });
    await pollRound(sut);
    expect(storedOps(storage)).toHaveLength(1);
    await pollRound(sut);
    expect(storedOps(storage)).toEqual([]);
    expect(backend.blob).toEqual(jackAt(15));
    expect(messages).toEqual(['1 offline change saved']);
    sut.stop();
  });

  it('does not call a change whose answer was lost a conflict when its replay meets it', async () => {
    const { backend, sut, storage, latest, messages } = await liveTab(jackAt(9));
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
    await pollRound(sut);
    await pollRound(sut); // replays the delete again: 404
    await pollRound(sut);
    expect(backend.sent.map((op) => op.kind)).toEqual(['create', 'create', 'delete', 'delete']);
    expect(messages).toEqual(['2 offline changes saved']);
    expect(storedOps(storage)).toEqual([]);
    expect(latest()).toMatchObject({ blob: jackAt(15, 2), status: 'polling', queued: 0 });
    sut.stop();
  });

  it('still reports a replayed update refused while the server shows something else', async () => {
    const { backend, sut, messages } = await offlineTab(jackAt(10));
    sut.submit({ kind: 'update', dateKey, timeKey: at(10), updates: { duration: 2 } });
    backend.put({ [dateKey]: { [at(10)]: { user: 'Jack', duration: 1 }, [at(11)]: { user: 'Joel', duration: 1 } } });
    backend.down = false;
    await pollRound(sut);
    expect(messages).toEqual([
      "Offline change of Jack's booking, Thu 26 Nov 10 AM-12 PM (2 hours), was not saved: 11:00 AM was just booked by Joel",
    ]);
    sut.stop();
  });
});
