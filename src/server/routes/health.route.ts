import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { StorageNotConfiguredError } from '../unconfigured-store.js';

/** `GET /api/health`: 200 when the store answers, 503 when it does not. */
export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    const store = c.get('store');
    try {
      await store.ping();
      return c.json({ ok: true, store: store.kind, target: store.target });
    } catch (error) {
      // A missing store says what to set; other failures keep the contract's text (PRODUCT.md §4).
      const message = error instanceof StorageNotConfiguredError ? error.message : 'Storage unavailable';
      return c.json({ ok: false, store: store.kind, target: store.target, error: message }, 503);
    }
  });
}
