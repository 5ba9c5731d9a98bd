/**
 * `GET /api/events` (issue 8 §1) through the browser's EventSource. EventSource cannot set
 * `Last-Event-ID` on its first connect, so the held revision goes in `?lastEventId=`; on its own
 * reconnects the browser sends the header (which wins) with the last id it received.
 */
import { apiUrl } from './request.js';

/** What the stream says, as data; `error` says whether the browser will reconnect by itself. */
export type StreamMessage =
  | { type: 'hello' | 'resync' | 'bye'; revision: string }
  | { type: 'change'; data: unknown }
  | { type: 'error'; willRetry: boolean };

export interface EventStream {
  close(): void;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function revisionOf(event: MessageEvent<string>): string {
  const data = parseJson(event.data) as { revision?: unknown } | undefined;
  return typeof data?.revision === 'string' ? data.revision : event.lastEventId;
}

/** Opens the stream; undefined where the browser has no EventSource (the client then polls). */
export function openEvents(lastEventId: string, onMessage: (message: StreamMessage) => void): EventStream | undefined {
  if (typeof EventSource === 'undefined') return undefined;
  const source = new EventSource(`${apiUrl('/events')}?lastEventId=${encodeURIComponent(lastEventId)}`);
  for (const type of ['hello', 'resync', 'bye'] as const) {
    source.addEventListener(type, (event) => onMessage({ type, revision: revisionOf(event) }));
  }
  source.addEventListener('change', (event) => onMessage({ type: 'change', data: parseJson(event.data) }));
  // A refused stream (404 live updates off, 429, 5xx) is CLOSED; a dropped one is CONNECTING again.
  source.onerror = () => onMessage({ type: 'error', willRetry: source.readyState !== EventSource.CLOSED });
  return { close: () => source.close() };
}
