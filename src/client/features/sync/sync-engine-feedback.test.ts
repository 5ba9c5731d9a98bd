/**
 * What the SyncEngine tells the page besides snapshots (issue 9 §4, §11): refused offline changes
 * as sticky messages worded per zone, one count of the changes a replay saved, and the confirmed
 * writes that earn a new booking its glow.
 */
import { describe, expect, it } from 'vitest';
import { createLocalQueueStorage, OFFLINE_QUEUE_KEY } from '../offline-queue/queue-storage.js';
import type { WriteOp } from '../../lib/write-op.js';
import type { SyncMessage } from './rejection-message.js';
import { SyncEngine } from './sync-engine.js';
import {
  at,
  config,
  create,
  dateKey,
  goOffline,
  pollRound,
  ScriptedBackend,
  settle,
  sharedStorage,
} from '../../../../test/support/scripted-backend.js';

async function startedEngine(backend: ScriptedBackend) {
  const messages: SyncMessage[] = [];
  const confirmed: WriteOp[] = [];
  const sut = new SyncEngine({
    backend,
    rules: config.rules,
    queueStorage: createLocalQueueStorage(OFFLINE_QUEUE_KEY, sharedStorage()),
    onChange: () => undefined,
    onMessage: (message) => messages.push(message),
    onConfirmed: (op) => confirmed.push(op),
    pollIntervalMs: 60_000,
  });
  sut.start();
  await settle();
  return { sut, messages, confirmed };
}

describe('SyncEngine feedback', () => {
  it('reports a refused offline change as sticky, then counts the saved ones once', async () => {
    const backend = new ScriptedBackend();
    const { sut, messages } = await startedEngine(backend);
    await goOffline(backend, sut);
    sut.submit(create(15, 'Jack', 2));
    sut.submit(create(18, 'Rue'));
    sut.submit(create(20, 'Joel'));
    backend.put({ [dateKey]: { [at(16)]: { user: 'Bonnie', duration: 1 } } });
    backend.down = false;
    await pollRound(sut);
    await pollRound(sut);

    expect(messages.map((message) => message.sticky)).toEqual([true, false]);
    expect(messages.map((message) => message.describe(() => 0))).toEqual([
      'Offline booking for Jack, Thu 26 Nov 3-5 PM (2 hours), was not saved: 4:00 PM was just booked by Bonnie',
      '2 offline changes saved',
    ]);
    // Worded when shown: the same message in Sydney's time.
    expect(messages[0]?.describe(() => 60)).toBe(
      'Offline booking for Jack, Thu 26 Nov 4-6 PM (2 hours), was not saved: 5:00 PM was just booked by Bonnie',
    );
    sut.stop();
  });

  it('says nothing of a replay when every stored change was refused', async () => {
    const backend = new ScriptedBackend();
    const { sut, messages } = await startedEngine(backend);
    await goOffline(backend, sut);
    sut.submit(create(15));
    backend.put({ [dateKey]: { [at(15)]: { user: 'Bonnie', duration: 1 } } });
    backend.down = false;
    await pollRound(sut);
    await pollRound(sut);
    expect(messages.map((message) => message.describe(() => 0))).toEqual([
      'Offline booking for Jack, Thu 26 Nov 3-4 PM (1 hour), was not saved: 3:00 PM was just booked by Bonnie',
    ]);
    sut.stop();
  });

  it('confirms the writes the server took, and not the refused ones, with no message online', async () => {
    const backend = new ScriptedBackend();
    backend.put({ [dateKey]: { [at(12)]: { user: 'Bonnie', duration: 1 } } });
    const { sut, messages, confirmed } = await startedEngine(backend);
    sut.submit(create(10));
    await settle();
    expect(confirmed.map((op) => [op.kind, op.timeKey])).toEqual([['create', at(10)]]);
    expect(messages).toEqual([]);
    sut.submit(create(11, 'Rue', 2));
    await settle();
    expect(confirmed).toHaveLength(1);
    expect(messages.map((message) => [message.sticky, message.describe(() => 0)])).toEqual([
      [false, '12:00 PM was just booked by Bonnie'],
    ]);
    sut.stop();
  });
});
