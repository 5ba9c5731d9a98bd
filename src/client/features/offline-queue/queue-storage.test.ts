import { describe, expect, it } from 'vitest';
import type { DateKey, TimeKey } from '../../../core/time.js';
import { createLocalQueueStorage, OFFLINE_QUEUE_KEY } from './queue-storage.js';
import type { QueueBackingStorage } from './queue-storage.js';
import type { WriteOp } from '../../lib/write-op.js';

const op = (id: string, hour: number): WriteOp => ({
  id,
  kind: 'create',
  dateKey: '2026-11-24' as DateKey,
  timeKey: `${hour}:00` as TimeKey,
  booking: { user: 'Jack', duration: 1 },
});

function memory(): QueueBackingStorage & { data: Map<string, string>; failWrites: boolean } {
  const data = new Map<string, string>();
  const store = {
    data,
    failWrites: false,
    getItem: (key: string) => data.get(key) ?? null,
    setItem(key: string, value: string) {
      if (store.failWrites) throw new Error('QuotaExceededError');
      data.set(key, value);
    },
    removeItem: (key: string) => void data.delete(key),
  };
  return store;
}

describe('createLocalQueueStorage', () => {
  it('reads the stored format of earlier versions (a plain array of ops)', () => {
    const storage = memory();
    storage.setItem(OFFLINE_QUEUE_KEY, JSON.stringify([op('a', 15), { junk: true }]));
    expect(createLocalQueueStorage(OFFLINE_QUEUE_KEY, storage).load()).toEqual([{ ...op('a', 15), offline: true }]);
  });

  it('appends to what other tabs stored instead of overwriting it, once per id', () => {
    const storage = memory();
    const tabA = createLocalQueueStorage(OFFLINE_QUEUE_KEY, storage);
    const tabB = createLocalQueueStorage(OFFLINE_QUEUE_KEY, storage);
    tabA.append([op('a', 15)]);
    tabB.append([op('b', 18)]);
    tabA.append([op('a', 15)]);
    expect(tabB.load().map((stored) => stored.id)).toEqual(['a', 'b']);
  });

  it('removes one op by id, keeping the others, and the key once empty', () => {
    const storage = memory();
    const queue = createLocalQueueStorage(OFFLINE_QUEUE_KEY, storage);
    queue.append([op('a', 15), op('b', 18)]);
    queue.remove('a');
    expect(queue.load().map((stored) => stored.id)).toEqual(['b']);
    queue.remove('b');
    expect(storage.data.has(OFFLINE_QUEUE_KEY)).toBe(false);
  });

  it('keeps ops it could not write in memory, still listed and removable', () => {
    const storage = memory();
    storage.failWrites = true;
    const queue = createLocalQueueStorage(OFFLINE_QUEUE_KEY, storage);
    queue.append([op('a', 15)]);
    expect(queue.load().map((stored) => stored.id)).toEqual(['a']);
    queue.remove('a');
    expect(queue.load()).toEqual([]);
    expect(createLocalQueueStorage(OFFLINE_QUEUE_KEY, undefined).load()).toEqual([]);
  });
});
