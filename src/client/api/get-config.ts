/** `GET /api/config` (PRODUCT.md §3.4): fetched once, never polled. */
import { apiUrl, requestJson } from './request.js';
import type { ApiResult } from './request.js';

export function getConfig(): Promise<ApiResult<unknown>> {
  return requestJson<unknown>(apiUrl('/config'));
}
