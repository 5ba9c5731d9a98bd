/**
 * SyncEngine with the last known state of an earlier visit (issue 9 §13), against the scripted
 * backend of test/support/scripted-backend.ts: shown while the API is down, never remembered as
 * the server's, replaced by the first answer.
 */
import { describe, expect, it } from 'vitest';
import type { BookingsBlob } from '../../../core/bookings.js';
import { config, create, dateKey, jackAt, ScriptedBackend, settle } from '../../../../test/support/scripted-backend.js';
import { SyncEngine } from './sync-engine.js';
import type { SyncSnapshot } from './sync-engine.js';

function tabWithLastKnown(backend: ScriptedBackend, blob: BookingsBlob | null) {
  const remembered: BookingsBlob[] = [];
  const snapshots: SyncSnapshot[] = [];
  const sut = new SyncEngine({
    backend,
    rules: config.rules,
    lastKnown: { blob, remember: (confirmed) => remembered.push(structuredClone(confirmed)) },
    onChange: (snapshot) => snapshots.push(snapshot),
    onMessage: () => undefined,
  });
  return { sut, remembered, latest: () => snapshots.at(-1) };
}

describe('SyncEngine with a last known state', () => {
  it('shows the last known bookings with Offline when the first load finds the API down', async () => {
    const backend = new ScriptedBackend();
    backend.down = true;
    const { sut, remembered, latest } = tabWithLastKnown(backend, jackAt(12));
    sut.start();
    await settle();

    expect(latest()).toMatchObject({ blob: jackAt(12), status: 'offline', loaded: true });
    expect(remembered).toEqual([]);
    sut.stop();
  });

  it('never remembers a change made offline on top of the last known state', async () => {
    const backend = new ScriptedBackend();
    backend.down = true;
    const { sut, remembered, latest } = tabWithLastKnown(backend, jackAt(12));
    sut.start();
    await settle();
    sut.submit(create(15, 'Rue'));
    await settle();

    expect(latest()?.blob[dateKey]).toEqual({
      '12:00': { user: 'Jack', duration: 1 },
      '15:00': { user: 'Rue', duration: 1 },
    });
    expect(remembered).toEqual([]);
    sut.stop();
  });

  it('replaces the last known state with the first answer (a full fetch) and remembers that', async () => {
    const backend = new ScriptedBackend();
    backend.put(jackAt(9));
    const { sut, remembered, latest } = tabWithLastKnown(backend, jackAt(12));
    sut.start();
    await settle();

    expect(backend.fetchedWith).toEqual([null]);
    expect(latest()).toMatchObject({ blob: jackAt(9), loaded: true });
    expect(remembered).toEqual([jackAt(9)]);
    sut.stop();
  });

  it('remembers the state the server confirmed, without the changes still in flight', async () => {
    const backend = new ScriptedBackend();
    const { sut, remembered } = tabWithLastKnown(backend, null);
    sut.start();
    await settle();
    backend.down = true;
    sut.submit(create(15, 'Rue'));
    await settle();

    expect(remembered).toEqual([{}]);
    sut.stop();
  });
});
