/** Where bookings come from and changes go: the HTTP API or, in demo mode, this browser (§3.3). */
import type { EventStream, StreamMessage } from '../../api/open-events.js';
import type { ApiResult } from '../../api/request.js';
import type { WriteOp } from '../../lib/write-op.js';

export type { EventStream, StreamMessage };

export interface BookingsBackend {
  /** Whether to poll for other people's changes (API mode only, §6.3). */
  readonly polls: boolean;
  fetchBookings(etag: string | null): Promise<ApiResult<unknown>>;
  /** `GET /api/bookings?since=` (issue 8 §5); absent: catch-ups refetch everything. */
  fetchChangesSince?(revision: string): Promise<ApiResult<unknown>>;
  /** Opens the change stream (issue 8 §1); absent, or undefined from it: no stream, poll. */
  openStream?(lastEventId: string, onMessage: (message: StreamMessage) => void): EventStream | undefined;
  send(op: WriteOp): Promise<ApiResult<unknown>>;
}
