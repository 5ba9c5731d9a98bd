/**
 * Demo mode's backend (VITE_USE_API=false): bookings in localStorage `cps-bookings`, the
 * original's shape, checked by the API's own rules. No network at all (PRODUCT.md §5.2).
 */
import type { BookingsBlob } from '../../../core/bookings.js';
import type { ApiResult } from '../../api/request.js';
import type { ClientConfig } from '../config/client-config.js';
import type { WriteOp } from '../offline-queue/write-op.js';
import type { BookingsBackend } from './backend.js';
import { applyLocalWrite } from './local-rules.js';
import { normalizeBlob } from './normalize-blob.js';

export const DEMO_BOOKINGS_KEY = 'cps-bookings';

/** The part of `Storage` the demo needs; tests pass an in-memory one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

function readBlob(storage: KeyValueStorage): BookingsBlob {
  try {
    return normalizeBlob(JSON.parse(storage.getItem(DEMO_BOOKINGS_KEY) ?? '{}')) ?? {};
  } catch {
    return {};
  }
}

export function createLocalBackend(
  config: ClientConfig,
  { storage = globalThis.localStorage, clock = Date.now }: { storage?: KeyValueStorage; clock?: () => number } = {},
): BookingsBackend {
  let memory: BookingsBlob | null = null;
  const load = () => memory ?? readBlob(storage);
  return {
    polls: false,
    fetchBookings(): Promise<ApiResult<unknown>> {
      return Promise.resolve({ kind: 'ok', status: 200, body: load(), etag: null });
    },
    send(op: WriteOp): Promise<ApiResult<unknown>> {
      const result = applyLocalWrite(load(), op, config, clock());
      if (!result.ok) return Promise.resolve({ kind: 'rejected', status: result.status, error: result.error });
      try {
        storage.setItem(DEMO_BOOKINGS_KEY, JSON.stringify(result.blob));
        memory = null;
      } catch {
        memory = result.blob; // storage unavailable: keep the demo working for this page's life
      }
      return Promise.resolve({
        kind: 'ok',
        status: op.kind === 'create' ? 201 : 200,
        body: { success: true },
        etag: null,
      });
    },
  };
}
