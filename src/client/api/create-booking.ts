/** `POST /api/bookings` (PRODUCT.md §4.1). */
import type { DateKey, TimeKey } from '../../core/time.js';
import { apiUrl, requestJson } from './request.js';
import type { ApiResult } from './request.js';

export interface CreateBookingBody {
  dateKey: DateKey;
  timeKey: TimeKey;
  user: string;
  duration: number;
}

export function createBooking(body: CreateBookingBody): Promise<ApiResult<unknown>> {
  return requestJson<unknown>(apiUrl('/bookings'), { method: 'POST', body });
}
