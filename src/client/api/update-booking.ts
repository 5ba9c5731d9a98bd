/** `PUT /api/bookings/update` (PRODUCT.md §4.1): change the user and/or the duration, or move it (issue 9 §9). */
import type { DateKey, TimeKey } from '../../core/time.js';
import { apiUrl, requestJson } from './request.js';
import type { ApiResult } from './request.js';

export interface UpdateBookingBody {
  dateKey: DateKey;
  timeKey: TimeKey;
  updates: { user?: string; duration?: number; dateKey?: DateKey; timeKey?: TimeKey };
}

export function updateBooking(body: UpdateBookingBody): Promise<ApiResult<unknown>> {
  return requestJson<unknown>(apiUrl('/bookings/update'), { method: 'PUT', body });
}
