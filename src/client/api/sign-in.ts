/** `POST …/session` with the access code (issue 10 §4): the server answers with a session cookie. */
import { apiUrl, requestJson } from './request.js';
import type { ApiResult } from './request.js';

export function signIn(code: string): Promise<ApiResult<unknown>> {
  return requestJson<unknown>(apiUrl('/session'), { method: 'POST', body: { code } });
}
