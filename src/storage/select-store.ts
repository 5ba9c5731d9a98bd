/**
 * The one place that maps configuration to a store (STYLE.md 3). Nothing else reads storage
 * variables.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { createSqliteStore } from './sqlite/sqlite.store.js';
import type { BookingStore } from './store.js';

export type StoreConfig = { kind: 'sqlite'; file: string };

const sqliteEnvSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
});

/** Reads which backend to use from the environment; throws a one-line error naming a bad variable. */
export function storeConfigFromEnv(env: Record<string, string | undefined>): StoreConfig {
  const parsed = sqliteEnvSchema.safeParse({ DATA_DIR: env.DATA_DIR || undefined });
  if (!parsed.success) throw new Error(`DATA_DIR: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return { kind: 'sqlite', file: join(parsed.data.DATA_DIR, 'hourbook.db') };
}

/** Opens the store a config names. */
export async function createStore(config: StoreConfig): Promise<BookingStore> {
  return createSqliteStore({ file: config.file });
}
