/** `GET …/bookings` with `If-None-Match`, so an unchanged blob costs a 304 (issue 4). */
import { apiUrl, requestJson } from './request.js';
import type { ApiResult } from './request.js';

export function getBookings(etag: string | null): Promise<ApiResult<unknown>> {
  return requestJson<unknown>(apiUrl('/bookings'), { ifNoneMatch: etag });
}
