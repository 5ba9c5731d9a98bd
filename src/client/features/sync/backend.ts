/** Where bookings come from and changes go: the HTTP API or, in demo mode, this browser (§3.3). */
import type { ApiResult } from '../../api/request.js';
import type { WriteOp } from '../../lib/write-op.js';

export interface BookingsBackend {
  /** Whether to poll for other people's changes (API mode only, §6.3). */
  readonly polls: boolean;
  fetchBookings(etag: string | null): Promise<ApiResult<unknown>>;
  send(op: WriteOp): Promise<ApiResult<unknown>>;
}
