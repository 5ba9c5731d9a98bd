/**
 * Demo mode's backend (VITE_USE_API=false): bookings in localStorage `cps-bookings`, the
 * original's shape, checked by the API's own parsers and conflict rules from src/core, so it
 * answers every write with the status and error text the API would (PRODUCT.md §5.2). No network.
 */
import { applyCreateBooking, applyDeleteBooking, applyUpdateBooking } from '../../../core/booking-writes.js';
import type { BookingsBlob } from '../../../core/bookings.js';
import { HourbookError } from '../../../core/errors.js';
import type { ErrorCode } from '../../../core/errors.js';
import { parseCreateBooking, parseDeleteBooking, parseUpdateBooking } from '../../../core/requests.js';
import type { RequestContext } from '../../../core/requests.js';
import type { ApiResult } from '../../api/request.js';
import type { ClientConfig } from '../../lib/client-config.js';
import { requestBodyOf } from '../../lib/write-op.js';
import type { WriteOp } from '../../lib/write-op.js';
import type { BookingsBackend } from './backend.js';
import { normalizeBlob } from './normalize-blob.js';

export const DEMO_BOOKINGS_KEY = 'cps-bookings';

/** The statuses of §4.2 for the errors a write can meet; test/client/demo-parity.test.ts holds them to the API's. */
const STATUS_OF: Partial<Record<ErrorCode, number>> = { invalid: 400, not_found: 404, conflict: 409 };

/** The part of `Storage` the demo needs; tests pass an in-memory one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

function readBlob(storage: KeyValueStorage): BookingsBlob {
  try {
    return normalizeBlob(JSON.parse(storage.getItem(DEMO_BOOKINGS_KEY) ?? '{}')) ?? {};
  } catch {
    return {};
  }
}

export type LocalWriteResult =
  { ok: true; blob: BookingsBlob; status: number; body: unknown } | { ok: false; status: number; error: string };

function applyParsed(blob: BookingsBlob, op: WriteOp, context: RequestContext): LocalWriteResult {
  const body = requestBodyOf(op);
  switch (op.kind) {
    case 'create': {
      const command = parseCreateBooking(body, context);
      const next = applyCreateBooking(blob, command, context.rules);
      const { dateKey, timeKey, booking } = command;
      return { ok: true, blob: next, status: 201, body: { success: true, booking: { dateKey, timeKey, ...booking } } };
    }
    case 'update':
    case 'move': {
      const command = parseUpdateBooking(body, context);
      const updated = applyUpdateBooking(blob, command, context.rules);
      // A move says where the booking now starts, as the API's route does.
      const where = command.target ? { dateKey: command.target.dateKey, timeKey: command.target.timeKey } : {};
      return {
        ok: true,
        blob: updated.blob,
        status: 200,
        body: { success: true, booking: { ...where, ...updated.booking } },
      };
    }
    case 'delete': {
      const next = applyDeleteBooking(blob, parseDeleteBooking(body, context));
      return { ok: true, blob: next, status: 200, body: { success: true } };
    }
  }
}

/** `op` applied to `blob` exactly as the API's route and store would: the next blob and the answer. */
export function applyLocalWrite(blob: BookingsBlob, op: WriteOp, config: ClientConfig, now: number): LocalWriteResult {
  try {
    return applyParsed(blob, op, { config, rules: config.rules, now });
  } catch (error) {
    const status = error instanceof HourbookError ? STATUS_OF[error.code] : undefined;
    if (status === undefined) throw error;
    return { ok: false, status, error: (error as Error).message };
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
      return Promise.resolve({ kind: 'ok', status: result.status, body: result.body, etag: null });
    },
  };
}
