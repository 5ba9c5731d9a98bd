import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../src/storage/sqlite/sqlite.store.js';
import type { Store } from '../../src/storage/store.js';

/** A real SQLite store in a fresh temp folder, removed by `cleanup`. */
export function createTempSqliteStore(): { store: Store; file: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'hourbook-test-'));
  const file = join(dir, 'hourbook.db');
  const store = createSqliteStore({ file });
  return {
    store,
    file,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
