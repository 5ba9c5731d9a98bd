/**
 * The one place the client talks HTTP. Every outcome is data, never a thrown error: the sync
 * engine decides what a rejection or an unreachable API means (PRODUCT.md §6.2, §5.2).
 */

/** What came back from one API request. */
export type ApiResult<T> =
  | { kind: 'ok'; status: number; body: T; etag: string | null }
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

/** Sends one JSON request to `/api…`; a network failure or a 503 means the API is unreachable. */
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
  if (!response.ok) return { kind: 'rejected', status: response.status, error: await errorTextOf(response) };
  try {
    const body = (await response.json()) as T;
    return { kind: 'ok', status: response.status, body, etag: response.headers.get('ETag') };
  } catch {
    return { kind: 'rejected', status: response.status, error: 'Unknown error' };
  }
}
