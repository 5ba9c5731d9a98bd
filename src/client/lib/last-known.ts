/**
 * The last state the server confirmed, kept in localStorage per instance (issue 9 §13): the raw
 * config and the bookings as the API last answered them, never with this tab's pending changes
 * on top. A reload that finds the server down shows them (with *Offline*) instead of an empty
 * calendar; the next answer from the server replaces them. Storage errors (quota, privacy mode)
 * only mean there is nothing to show next time.
 */
import type { BookingsBlob } from '../../core/bookings.js';
import { instanceScopedName } from './instance-path.js';

export const LAST_CONFIG_KEY = 'hourbook-last-config';
export const LAST_BOOKINGS_KEY = 'hourbook-last-bookings';

export type LastKnownStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface LastKnown {
  /** The config body of the last `GET …/config` answered, or null. */
  config(): unknown;
  rememberConfig(body: unknown): void;
  /** The bookings body of the last state confirmed by the server, or null (read it as any answer). */
  bookings(): unknown;
  rememberBookings(blob: BookingsBlob): void;
  /** Drops both, e.g. once the instance is behind an access code. */
  forget(): void;
}

function browserStorage(): LastKnownStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // access itself throws in some privacy modes
  }
}

/** The last known state of the instance served at `pathname` (`/` or `/i/{slug}/…`). */
export function lastKnownOf(pathname: string, storage: LastKnownStorage | undefined = browserStorage()): LastKnown {
  const configKey = instanceScopedName(LAST_CONFIG_KEY, pathname);
  const bookingsKey = instanceScopedName(LAST_BOOKINGS_KEY, pathname);
  const read = (key: string): unknown => {
    try {
      const text = storage?.getItem(key);
      return text ? (JSON.parse(text) as unknown) : null;
    } catch {
      return null;
    }
  };
  const write = (key: string, value: unknown): void => {
    try {
      storage?.setItem(key, JSON.stringify(value));
    } catch {
      // Full or refused: the next reload simply has no last known state.
    }
  };
  return {
    config: () => read(configKey),
    rememberConfig: (body) => write(configKey, body),
    bookings: () => read(bookingsKey),
    rememberBookings: (blob) => write(bookingsKey, blob),
    forget: () => {
      try {
        storage?.removeItem(configKey);
        storage?.removeItem(bookingsKey);
      } catch {
        // Refused: nothing else to do.
      }
    },
  };
}
