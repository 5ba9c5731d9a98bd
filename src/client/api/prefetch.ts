/**
 * Start-up requests issued as soon as the script runs, before the first render: config and
 * bookings overlap (PRODUCT.md §6.1 allows it, since nothing is interactive before the config
 * is ready). Each prefetched answer is handed out once.
 */
import { getBookings } from './get-bookings.js';
import { getConfig } from './get-config.js';
import type { ApiResult } from './request.js';

let configPromise: Promise<ApiResult<unknown>> | null = null;
let bookingsPromise: Promise<ApiResult<unknown>> | null = null;

/** Fires GET /api/config and GET /api/bookings now. */
export function prefetchStartup(): void {
  configPromise = getConfig();
  bookingsPromise = getBookings(null);
}

/** The prefetched config answer, else a fresh request. */
export function takeConfig(): Promise<ApiResult<unknown>> {
  const promise = configPromise ?? getConfig();
  configPromise = null;
  return promise;
}

/** The prefetched bookings answer (once), else null. */
export function takePrefetchedBookings(): Promise<ApiResult<unknown>> | null {
  const promise = bookingsPromise;
  bookingsPromise = null;
  return promise;
}

/** Forgets prefetched answers, e.g. the 401s of a page that has just been unlocked. */
export function dropPrefetched(): void {
  configPromise = null;
  bookingsPromise = null;
}
