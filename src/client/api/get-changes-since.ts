/**
 * `GET /api/bookings?since=<revision>` (issue 8 §5): `{since, revision, changes}` while the log
 * holds them, else `{full: true, revision, bookings}`; a cheap catch-up after a gap.
 */
import { apiUrl, requestJson } from './request.js';
import type { ApiResult } from './request.js';

export function getChangesSince(revision: string): Promise<ApiResult<unknown>> {
  return requestJson<unknown>(`${apiUrl('/bookings')}?since=${encodeURIComponent(revision)}`);
}
