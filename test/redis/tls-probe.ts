/**
 * Run as a child process by tls.test.ts: opens the store the environment names, exactly as
 * `npm start` does, and prints what one booking round trip gave, as JSON.
 */
import { createStore, storeConfigFromEnv } from '../../src/storage/select-store.js';
import { slot } from '../support/factories.js';

const store = await createStore(storeConfigFromEnv(process.env));
try {
  await store.bookings.create(
    'tls-probe',
    slot('2031-11-03', '09:00'),
    { user: 'Jack', duration: 1 },
    { closeHour: 22 },
  );
  const bookings = (await store.bookings.list('tls-probe')).bookings;
  console.log(JSON.stringify({ ok: true, kind: store.kind, target: store.target, bookings }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, kind: store.kind, error: String((error as Error).cause ?? error) }));
} finally {
  await store.close();
}
