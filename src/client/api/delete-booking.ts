/** `DELETE /api/bookings/update` with a JSON body (PRODUCT.md §4.1). */
import type { DateKey, TimeKey } from '../../core/time.js';
import { apiUrl, requestJson } from './request.js';
import type { ApiResult } from './request.js';

export interface DeleteBookingBody {
  dateKey: DateKey;
  timeKey: TimeKey;
}

export function deleteBooking(body: DeleteBookingBody): Promise<ApiResult<unknown>> {
  return requestJson<unknown>(apiUrl('/bookings/update'), { method: 'DELETE', body });
}
