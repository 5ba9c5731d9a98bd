import type { BookingStore } from '../storage/store.js';
import { createApp } from './app.js';
import type { AppOptions } from './app.js';
import type { Settings } from './settings.js';

/**
 * The app as an entry point builds it from parsed settings; entries differ only in how they
 * find the client's address and whether they serve the web client.
 */
export function createAppFromSettings(
  settings: Settings,
  store: BookingStore,
  entry: Pick<AppOptions, 'clientAddress' | 'mountExtras'>,
): ReturnType<typeof createApp> {
  return createApp({
    store,
    slug: settings.INSTANCE_SLUG,
    allowedOrigins: settings.ALLOWED_ORIGINS,
    publicUrl: settings.PUBLIC_URL,
    rateLimit: {
      writeMax: settings.RATE_LIMIT_MAX,
      readMax: settings.RATE_LIMIT_READ_MAX,
      windowMs: settings.RATE_LIMIT_WINDOW_S * 1000,
      onStoreError: settings.RATE_LIMIT_ON_STORE_ERROR,
    },
    ...entry,
  });
}
