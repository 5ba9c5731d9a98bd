/**
 * SyncEngine following the change stream (issue 8 §3) against `ScriptedBackend` with its scripted
 * event source (test/support/scripted-backend.ts): events applied by revision, catch-ups, Offline
 * at once on a drop, and the polling fallback that returns to the stream.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  at,
  create,
  dateKey,
  jackAt,
  ScriptedBackend,
  settle,
  startedTab,
  tab,
} from '../../../../test/support/scripted-backend.js';

/** A tab whose stream has said hello at the backend's revision. */
async function streamingTab() {
  const backend = new ScriptedBackend({ stream: true });
  const opened = await startedTab(backend);
  backend.stream.hello(backend.revision);
  await settle();
  return { backend, ...opened };
}

describe('SyncEngine on the change stream', () => {
  it('opens the stream after the first load with the revision it holds and says live at hello', async () => {
    const backend = new ScriptedBackend({ stream: true });
    backend.put(jackAt(9));
    const { sut, latest } = await startedTab(backend);
    expect(backend.streams.map((stream) => stream.lastEventId)).toEqual([backend.revision]);
    expect(latest().status).toBe('syncing');
    backend.stream.hello(backend.revision);
    await settle();
    expect(latest()).toMatchObject({ blob: jackAt(9), status: 'live' });
    sut.stop();
    expect(backend.stream.closed).toBe(true);
  });

  it('applies a change event without refetching, and ignores one it already holds', async () => {
    const { backend, sut, latest, snapshots } = await streamingTab();
    const fetches = backend.fetchedWith.length;
    const change = backend.putSlot(at(14), { user: 'Rue', duration: 2 });
    backend.stream.change(change);
    await settle();
    expect(latest()).toMatchObject({ blob: { [dateKey]: { [at(14)]: { user: 'Rue', duration: 2 } } }, status: 'live' });
    const count = snapshots.length;
    backend.stream.change(change); // a replay after a reconnect
    backend.stream.change({ ...change, revision: 'e-1', booking: null });
    await settle();
    expect(snapshots).toHaveLength(count);
    backend.stream.change(backend.putSlot(at(14), null));
    await settle();
    expect(latest().blob).toEqual({});
    expect(backend.fetchedWith).toHaveLength(fetches);
    expect(backend.sinceAsked).toEqual([]);
    sut.stop();
  });

  it('does not poll while the stream is live', async () => {
    const { backend, sut } = await streamingTab();
    const fetches = backend.fetchedWith.length;
    sut.pollNow(); // the tab shown again
    await settle();
    expect(backend.fetchedWith).toHaveLength(fetches);
    sut.stop();
  });

  it('keeps a pending write on top of a change event', async () => {
    const { backend, sut, snapshots } = await streamingTab();
    backend.sendScript.push(new Promise(() => undefined) as never); // the write stays in flight
    sut.submit(create(15));
    backend.stream.change(backend.putSlot(at(9), { user: 'Bonnie', duration: 1 }));
    await settle();
    expect(snapshots.at(-1)?.blob).toEqual({
      [dateKey]: { [at(9)]: { user: 'Bonnie', duration: 1 }, [at(15)]: { user: 'Jack', duration: 1 } },
    });
    expect(snapshots.at(-1)?.status).toBe('syncing');
    sut.stop();
  });

  it('catches up a gap with ?since= from the revision it holds', async () => {
    const { backend, sut, latest } = await streamingTab();
    const held = backend.revision;
    backend.putSlot(at(9), { user: 'Bonnie', duration: 1 }); // missed
    backend.stream.change(backend.putSlot(at(11), { user: 'Joel', duration: 1 }));
    await settle();
    expect(backend.sinceAsked).toEqual([held]);
    expect(latest().blob).toEqual({
      [dateKey]: { [at(9)]: { user: 'Bonnie', duration: 1 }, [at(11)]: { user: 'Joel', duration: 1 } },
    });
    // Now at the stream's revision: the next change applies directly.
    backend.stream.change(backend.putSlot(at(12), { user: 'Rue', duration: 1 }));
    await settle();
    expect(backend.sinceAsked).toHaveLength(1);
    expect(latest().blob[dateKey]?.[at(12)]).toEqual({ user: 'Rue', duration: 1 });
    sut.stop();
  });

  it('refetches everything on resync', async () => {
    const { backend, sut, latest } = await streamingTab();
    const fetches = backend.fetchedWith.length;
    backend.put(jackAt(16)); // a replace: the log cannot tell it
    backend.stream.push({ type: 'resync', revision: backend.revision });
    await settle();
    expect(backend.fetchedWith.slice(fetches)).toEqual([null]);
    expect(latest()).toMatchObject({ blob: jackAt(16), status: 'live' });
    sut.stop();
  });

  it('shows Offline at once when the stream drops, and polls once to see whether the API is there', async () => {
    const { backend, sut, latest } = await streamingTab();
    backend.down = true;
    const fetches = backend.fetchedWith.length;
    backend.stream.drop();
    expect(latest().status).toBe('offline');
    await settle();
    expect(backend.fetchedWith).toHaveLength(fetches + 1);
    expect(latest().status).toBe('offline');
    backend.down = false;
    backend.stream.hello(backend.revision); // the browser's own reconnect got through
    await settle();
    expect(latest().status).toBe('live');
    sut.stop();
  });

  it('says Polling when the stream drops but the API still answers, and live again on reconnect', async () => {
    const { backend, sut, latest } = await streamingTab();
    backend.stream.drop();
    await settle();
    expect(latest().status).toBe('polling');
    const missed = backend.putSlot(at(13), { user: 'Rue', duration: 1 });
    backend.stream.change(missed); // replayed on the reconnect (Last-Event-ID)
    backend.stream.hello(backend.revision);
    await settle();
    expect(latest()).toMatchObject({ status: 'live', blob: { [dateKey]: { [at(13)]: { user: 'Rue', duration: 1 } } } });
    sut.stop();
  });

  it('stays live through the reconnect that follows bye', async () => {
    const { backend, sut, latest } = await streamingTab();
    const fetches = backend.fetchedWith.length;
    backend.stream.push({ type: 'bye', revision: backend.revision });
    backend.stream.drop();
    await settle();
    expect(latest().status).toBe('live');
    expect(backend.fetchedWith).toHaveLength(fetches);
    sut.stop();
  });

  it('falls back to polling when the stream is refused and returns to it on retry, with the revision it holds', async () => {
    const backend = new ScriptedBackend({ stream: true });
    // A retry long enough for the poll below to land first, however busy the machine.
    const { sut, latest } = tab(backend, undefined, undefined, [400]);
    sut.start();
    await settle();
    backend.stream.refuse(); // 404: live updates off
    await settle();
    expect(latest().status).toBe('polling');
    expect(backend.streams[0]!.closed).toBe(true);
    backend.put(jackAt(10));
    sut.pollNow();
    await settle();
    expect(latest()).toMatchObject({ blob: jackAt(10), status: 'polling' });
    await vi.waitFor(() => expect(backend.streams).toHaveLength(2), { timeout: 3000, interval: 10 });
    expect(backend.stream.lastEventId).toBe(backend.revision);
    backend.stream.hello(backend.revision);
    await settle();
    expect(latest().status).toBe('live');
    sut.stop();
  });

  it('gives up on a stream whose reconnects keep failing and polls', async () => {
    const { backend, sut, latest } = await streamingTab();
    backend.stream.drop();
    backend.stream.drop();
    backend.stream.drop();
    await settle();
    expect(backend.streams[0]!.closed).toBe(true);
    expect(latest().status).toBe('polling');
    sut.stop();
  });

  it('sends queued offline changes once the stream is back', async () => {
    const { backend, sut, latest } = await streamingTab();
    backend.down = true;
    backend.stream.drop();
    await settle();
    sut.submit(create(15));
    expect(latest()).toMatchObject({ status: 'offline', queued: 1 });
    backend.down = false;
    backend.stream.hello(backend.revision);
    await settle();
    expect(backend.sent).toHaveLength(1);
    expect(latest()).toMatchObject({ blob: jackAt(15), status: 'live', queued: 0 });
    sut.stop();
  });

  it('polls while a write found the API gone even though the stream stayed open, and replays when it is back', async () => {
    const { backend, sut, latest } = await streamingTab();
    backend.sendScript.push({ kind: 'unreachable', reason: 'Failed to fetch' });
    sut.submit(create(15));
    await settle();
    expect(latest()).toMatchObject({ status: 'offline', queued: 1 });
    sut.pollNow();
    await settle();
    expect(backend.sent).toHaveLength(1);
    expect(latest()).toMatchObject({ blob: jackAt(15), status: 'live', queued: 0 });
    sut.stop();
  });
});
