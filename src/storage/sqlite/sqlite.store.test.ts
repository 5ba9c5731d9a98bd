import Database from 'better-sqlite3';
import { createTempSqliteStore } from '../../../test/support/sqlite-fixture.js';
import { describeStoreContract } from '../store.contract.js';

describeStoreContract('sqlite', async () => {
  const { store, file, cleanup } = createTempSqliteStore();
  return {
    store,
    // A row no API write makes: an empty user, as a hand edit with the sqlite3 shell could leave.
    damageBooking: async (slug, dateKey, timeKey) => {
      const db = new Database(file);
      db.prepare('INSERT INTO bookings (slug, date_key, time_key, user, duration) VALUES (?, ?, ?, ?, 1)').run(
        slug,
        dateKey,
        timeKey,
        '',
      );
      db.close();
    },
    cleanup,
  };
});
