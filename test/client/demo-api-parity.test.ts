/**
 * Demo mode answers as the API does (PRODUCT.md §5.2): the same writes go through the demo
 * backend and through the real app in-process over a temp SQLite store, and every step must
 * give the same status and the same error text (or the same success body), then the same blob.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { instantOfWallClock } from '../../src/core/time.js';
import type { DateKey } from '../../src/core/time.js';
import { clientConfigOf } from '../../src/client/lib/client-config.js';
import { requestBodyOf } from '../../src/client/lib/write-op.js';
import type { WriteOp } from '../../src/client/lib/write-op.js';
import { createLocalBackend } from '../../src/client/features/sync/local-backend.js';
import type { KeyValueStorage } from '../../src/client/features/sync/local-backend.js';
import { bootHourbook } from '../../src/server/boot.js';
import type { Store } from '../../src/storage/store.js';
import { createTempSqliteStore } from '../support/sqlite-fixture.js';

const SLUG = 'cps-software';
const TODAY = '2026-11-24';
const LATER = '2026-11-26';
const NOW = instantOfWallClock(TODAY as DateKey, 10, 'Australia/Brisbane') + 20 * 60_000; // 10:20 Brisbane

/** The app as the server runs it, built here so the test owns every option. */
async function buildApp(store: Store) {
  const env = { INSTANCE_SLUG: SLUG, ALLOWED_ORIGINS: '', RATE_LIMIT_MAX: '100000', RATE_LIMIT_READ_MAX: '100000' };
  return (await bootHourbook(env, { store, clock: () => NOW })).app;
}

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return { getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

type Loose = Record<string, unknown>;
let next = 0;
const op = (fields: Loose) => ({ id: `op-${(next += 1)}`, ...fields }) as unknown as WriteOp;
const create = (dateKey: unknown, timeKey: unknown, user: unknown, duration: unknown) =>
  op({ kind: 'create', dateKey, timeKey, booking: { user, duration } });
const update = (dateKey: unknown, timeKey: unknown, updates: Loose) =>
  op({ kind: 'update', dateKey, timeKey, updates });
const remove = (dateKey: unknown, timeKey: unknown) => op({ kind: 'delete', dateKey, timeKey });
const move = (dateKey: unknown, timeKey: unknown, to: Loose, updates: Loose = {}) =>
  op({ kind: 'move', dateKey, timeKey, to: { dateKey, timeKey, ...to }, updates });

/** Writes in order: each builds on the state the earlier ones left. */
const CASES: [string, WriteOp][] = [
  ['a valid create', create(LATER, '09:00', 'Jack', 2)],
  ['a create on a booked start', create(LATER, '09:00', 'Rue', 1)],
  ['a create on a covered hour', create(LATER, '10:00', 'Rue', 1)],
  ['a create running into a booking', create(LATER, '08:00', 'Rue', 2)],
  ['a create back to back', create(LATER, '11:00', 'Bonnie', 1)],
  ['a duration given as digits', create(LATER, '14:00', 'Joel', '2')],
  ['a sanitised user name', create(LATER, '17:00', ' <b>Rue</b> ', 1)],
  ['an extension into a booking', update(LATER, '09:00', { duration: 3 })],
  ['a shrink', update(LATER, '09:00', { duration: 1 })],
  ['an extension into freed hours', update(LATER, '09:00', { duration: 2 })],
  ['a reassignment', update(LATER, '09:00', { user: 'Giuliano' })],
  ['a reassignment to a stranger', update(LATER, '09:00', { user: 'Mallory' })],
  ['an extension past closing', update(LATER, '17:00', { duration: 6 })],
  ['empty updates', update(LATER, '09:00', {})],
  ['an update where nothing starts', update(LATER, '10:00', { duration: 1 })],
  ['a delete where nothing starts', remove(LATER, '10:00')],
  ['a delete', remove(LATER, '11:00')],
  ['a move to free hours', move(LATER, '09:00', { timeKey: '11:00' })],
  ['a move over its own hours', move(LATER, '11:00', { timeKey: '12:00' })],
  ['a move into a booking', move(LATER, '12:00', { timeKey: '13:00' })],
  ['a move past closing', move(LATER, '14:00', { timeKey: '21:00' })],
  ['a move running past closing with a new duration', move(LATER, '14:00', { timeKey: '19:00' }, { duration: 4 })],
  ['a move to another date with a new user', move(LATER, '12:00', { dateKey: '2026-11-27' }, { user: 'Rue' })],
  ['a move to a slot that already ended', move(LATER, '14:00', { dateKey: TODAY, timeKey: '09:00' })],
  ['a move where nothing starts', move(LATER, '10:00', { timeKey: '15:00' })],
  ['a slot that already ended', create(TODAY, '09:00', 'Jack', 1)],
  ['the current hour', create(TODAY, '10:00', 'Jack', 1)],
  ['an impossible date', create('2026-02-30', '09:00', 'Jack', 1)],
  ['a malformed date', create('26-11-2026', '09:00', 'Jack', 1)],
  ['a half hour', create(LATER, '09:30', 'Jack', 1)],
  ['an hour before opening', create(LATER, '05:00', 'Jack', 1)],
  ['the closing hour', create(LATER, '22:00', 'Jack', 1)],
  ['a stranger', create(LATER, '19:00', 'Mallory', 1)],
  ['a user that is not a string', create(LATER, '19:00', 42, 1)],
  ['a zero duration', create(LATER, '19:00', 'Jack', 0)],
  ['a duration over the maximum', create(LATER, '06:00', 'Jack', 9)],
  ['a fractional duration', create(LATER, '19:00', 'Jack', 2.5)],
  ['a duration with trailing letters', create(LATER, '19:00', 'Jack', '3abc')],
  ['a booking past closing', create(LATER, '21:00', 'Jack', 2)],
  ['an update of a bad slot', update(LATER, '25:00', { duration: 1 })],
  ['a delete of a bad date', remove('2026-13-01', '09:00')],
];

const METHOD = { create: 'POST', update: 'PUT', move: 'PUT', delete: 'DELETE' } as const;
const PATH = {
  create: '/api/bookings',
  update: '/api/bookings/update',
  move: '/api/bookings/update',
  delete: '/api/bookings/update',
} as const;

/** Status plus the error text, or plus the body on success: what a client can tell apart. */
async function apiAnswer(app: Awaited<ReturnType<typeof buildApp>>, write: WriteOp) {
  const response = await app.request(PATH[write.kind], {
    method: METHOD[write.kind],
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(requestBodyOf(write)),
  });
  const body = (await response.json()) as { error?: string };
  return response.ok ? { status: response.status, body } : { status: response.status, error: body.error };
}

async function demoAnswer(backend: ReturnType<typeof createLocalBackend>, write: WriteOp) {
  const result = await backend.send(write);
  if (result.kind === 'ok') return { status: result.status, body: result.body };
  if (result.kind === 'rejected') return { status: result.status, error: result.error };
  throw new Error(`unexpected ${result.kind}`);
}

describe('demo backend and API', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function pair(storedConfig: unknown) {
    const temp = createTempSqliteStore();
    cleanups.push(temp.cleanup);
    if (storedConfig) await temp.store.instances.setConfig(SLUG, storedConfig);
    const app = await buildApp(temp.store);
    // The client resolves what GET /api/config serves, as in API mode.
    const served: unknown = await (await app.request('/api/config')).json();
    const sut = createLocalBackend(clientConfigOf(served).config, { storage: memoryStorage(), clock: () => NOW });
    return { app, sut };
  }

  async function expectSameAnswers(
    app: Awaited<ReturnType<typeof buildApp>>,
    sut: ReturnType<typeof createLocalBackend>,
  ) {
    const statuses = new Set<number>();
    for (const [name, write] of CASES) {
      const api = await apiAnswer(app, write);
      statuses.add(api.status);
      expect({ name, ...(await demoAnswer(sut, write)) }).toEqual({ name, ...api });
    }
    const apiBlob: unknown = await (await app.request('/api/bookings')).json();
    const demoBlob = await sut.fetchBookings(null);
    expect(demoBlob.kind === 'ok' && demoBlob.body).toEqual(apiBlob);
    return statuses;
  }

  it('give the same answer to every write under the default configuration', async () => {
    const { app, sut } = await pair(null);
    const statuses = await expectSameAnswers(app, sut);
    expect([...statuses].sort()).toEqual([200, 201, 400, 404, 409]);
  });

  it('give the same answer under a stored configuration with its own roster and rules', async () => {
    const { app, sut } = await pair({
      slug: SLUG,
      title: 'Lab',
      users: [
        { name: 'Jack', key: 'j' },
        { name: 'Rue', key: 'r' },
        { name: 'Bonnie', key: 'b' },
      ],
      createdAt: '2026-01-01T00:00:00.000Z',
      openHour: 8,
      closeHour: 20,
      maxDuration: 4,
    });
    expect(await expectSameAnswers(app, sut)).toContain(409);
  });

  it('give the same answer under a partly invalid stored configuration', async () => {
    const { app, sut } = await pair({
      title: 'Broken',
      users: [
        { name: 'Jack', key: 'J' },
        { name: 'Rue', key: 'r' },
        { name: 'Giuliano', key: 'd' },
        'Bonnie',
        { name: 'Joel', key: 'l' },
      ],
      maxDuration: 3,
      closeHour: 99,
    });
    expect(await expectSameAnswers(app, sut)).toContain(409);
  });
});
