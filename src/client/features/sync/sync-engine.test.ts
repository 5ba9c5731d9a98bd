import { describe, expect, it } from 'vitest';
import { instantOfWallClock } from '../../../core/time.js';
import type { DateKey, TimeKey } from '../../../core/time.js';
import { fallbackConfig } from '../../lib/client-config.js';
import { createLocalBackend, DEMO_BOOKINGS_KEY } from './local-backend.js';
import type { KeyValueStorage } from './local-backend.js';
import { SyncEngine } from './sync-engine.js';
import type { SyncSnapshot } from './sync-engine.js';

// The engine runs here against demo mode's real backend (browser storage), not a fake API.
const dateKey = '2026-11-26' as DateKey;
const clock = () => instantOfWallClock(dateKey, 10, 'Australia/Brisbane') + 20 * 60_000;

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) };
}

function setup(storage = memoryStorage()) {
  const config = fallbackConfig();
  const snapshots: SyncSnapshot[] = [];
  const messages: string[] = [];
  const sut = new SyncEngine({
    backend: createLocalBackend(config, { storage, clock }),
    rules: config.rules,
    onChange: (snapshot) => snapshots.push(snapshot),
    onMessage: (message) => messages.push(message.describe(() => 0)),
  });
  return { sut, storage, snapshots, messages, latest: () => snapshots[snapshots.length - 1] };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SyncEngine (demo backend)', () => {
  it('loads the stored blob and reports live', async () => {
    const stored = { [dateKey]: { '12:00': { user: 'Rue', duration: 1 } } };
    const { sut, latest } = setup(memoryStorage({ [DEMO_BOOKINGS_KEY]: JSON.stringify(stored) }));
    sut.start();
    await settle();
    expect(latest()).toMatchObject({ blob: stored, status: 'live', loaded: true });
    sut.stop();
  });

  it('shows a create at once, then stores it', async () => {
    const { sut, storage, snapshots, latest } = setup();
    sut.start();
    await settle();
    sut.submit({ kind: 'create', dateKey, timeKey: '10:00' as TimeKey, booking: { user: 'Jack', duration: 2 } });
    const optimistic = snapshots.find((snapshot) => snapshot.status === 'syncing' && snapshot.blob[dateKey]);
    expect(optimistic?.blob[dateKey]?.['10:00' as TimeKey]).toEqual({ user: 'Jack', duration: 2 });
    await settle();
    expect(latest()?.status).toBe('live');
    expect(JSON.parse(storage.data[DEMO_BOOKINGS_KEY] ?? '{}')).toEqual({
      [dateKey]: { '10:00': { user: 'Jack', duration: 2 } },
    });
    sut.stop();
  });

  it('rolls back a lost race and names who holds the hour', async () => {
    const { sut, storage, latest, messages } = setup();
    sut.start();
    await settle();
    // Another tab books 10:00 after this one loaded.
    storage.setItem(DEMO_BOOKINGS_KEY, JSON.stringify({ [dateKey]: { '10:00': { user: 'Bonnie', duration: 1 } } }));
    sut.submit({ kind: 'create', dateKey, timeKey: '10:00' as TimeKey, booking: { user: 'Jack', duration: 1 } });
    await settle();
    await settle();
    expect(messages).toEqual(['10:00 AM was just booked by Bonnie']);
    expect(latest()?.blob).toEqual({ [dateKey]: { '10:00': { user: 'Bonnie', duration: 1 } } });
    sut.stop();
  });

  it('applies a create then a delete in order and converges on the stored state', async () => {
    const { sut, storage, latest } = setup();
    sut.start();
    await settle();
    sut.submit({ kind: 'create', dateKey, timeKey: '14:00' as TimeKey, booking: { user: 'Joel', duration: 1 } });
    sut.submit({ kind: 'delete', dateKey, timeKey: '14:00' as TimeKey });
    expect(latest()?.blob).toEqual({});
    await settle();
    await settle();
    expect(latest()).toMatchObject({ blob: {}, status: 'live' });
    expect(storage.data[DEMO_BOOKINGS_KEY]).toBe('{}');
    sut.stop();
  });
});
