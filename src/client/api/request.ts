/**
 * The one place the client talks HTTP. Every outcome is data, never a thrown error: the sync
 * engine decides what a rejection or an unreachable API means (PRODUCT.md §6.2, §5.2). Requests
 * go to the API of the page's instance (`apiUrl`); a 401 `Access code required` from any of them
 * tells the access listeners, so the app shows its code prompt (issue 10 §4).
 */
import { apiBaseOf, pagePathname } from '../lib/instance-path.js';

/** The error text of a 401 from an instance with an access code and no session (issue 10 §4). */
export const ACCESS_REQUIRED_ERROR = 'Access code required';

const API_BASE = apiBaseOf(pagePathname());

/** The URL of `path` in this page's instance API, e.g. `/bookings` → `/api/i/team-a/bookings`. */
export function apiUrl(path: string): string {
  return `${API_BASE}${path}`;
}

const accessListeners = new Set<() => void>();
/** Set by a 401 until the code is given, so a listener that subscribes late (after the prefetch) still hears it. */
let accessMissing = false;

/** Calls `listener` now if the API already asked for the access code, and whenever it does; returns the unsubscribe. */
export function onAccessRequired(listener: () => void): () => void {
  accessListeners.add(listener);
  if (accessMissing) listener();
  return () => accessListeners.delete(listener);
}

/** Forgets that the API asked for the code: a session has just been opened. */
export function markAccessGranted(): void {
  accessMissing = false;
}

/** What came back from one API request. */
export type ApiResult<T> =
  | { kind: 'ok'; status: number; body: T; etag: string | null; noStore?: true }
  | { kind: 'not-modified' }
  | { kind: 'rejected'; status: number; error: string }
  | { kind: 'unreachable'; reason: string };

/** The fetch function requests go through; tests of callers pass the real one or a server's. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  ifNoneMatch?: string | null;
  fetchImpl?: FetchLike;
}

/** The error text of a failed response: its `error` field, else `HTTP <status>`, else `Unknown error`. */
async function errorTextOf(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string') {
      return (body as { error: string }).error;
    }
    return `HTTP ${response.status}`;
  } catch {
    return response.status ? `HTTP ${response.status}` : 'Unknown error';
  }
}

/** Sends one JSON request to `path` (from `apiUrl`); a network failure or a 503 means the API is unreachable. */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifNoneMatch) headers['If-None-Match'] = options.ifNoneMatch;
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (error) {
    return { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
  }
  if (response.status === 304) return { kind: 'not-modified' };
  if (response.status === 503) return { kind: 'unreachable', reason: await errorTextOf(response) };
  if (!response.ok) {
    const error = await errorTextOf(response);
    if (response.status === 401 && error === ACCESS_REQUIRED_ERROR) {
      accessMissing = true;
      for (const listener of accessListeners) listener();
    }
    return { kind: 'rejected', status: response.status, error };
  }
  try {
    const body = (await response.json()) as T;
    const etag = response.headers.get('ETag');
    // `no-store` (an instance behind an access code): the caller keeps no copy of the answer.
    const noStore = /\bno-store\b/.test(response.headers.get('Cache-Control') ?? '');
    return noStore
      ? { kind: 'ok', status: response.status, body, etag, noStore }
      : { kind: 'ok', status: response.status, body, etag };
  } catch {
    return { kind: 'rejected', status: response.status, error: 'Unknown error' };
  }
}
