/**
 * A small Server-Sent Events reader over real HTTP (Node's fetch), for tests of `/api/events`:
 * it keeps every event and comment in arrival order and waits for the ones a test expects.
 */
import { expect, vi } from 'vitest';

export interface SseEvent {
  event?: string;
  id?: string;
  data?: string;
  retry?: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** The body as JSON when the answer is not a stream (an error). */
  json?: unknown;
  events: SseEvent[];
  comments: string[];
  /** Resolves once the server ended the stream. */
  ended: Promise<void>;
  /** Waits until `count` events arrived (default 3 s). */
  waitForEvents(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  close(): void;
}

function parseBlock(block: string, stream: { events: SseEvent[]; comments: string[] }): void {
  const event: SseEvent = {};
  let isEvent = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      stream.comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const field = line.slice(0, colon) as keyof SseEvent;
    const value = line.slice(colon + 1).replace(/^ /, '');
    event[field] = field === 'data' && event.data !== undefined ? `${event.data}\n${value}` : value;
    isEvent = true;
  }
  if (isEvent) stream.events.push(event);
}

/** Opens `url` as an event stream; `headers` e.g. `{ 'Last-Event-ID': 'k3x9-4' }`. */
export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { Accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  return readEventStream(response, () => controller.abort());
}

/** Reads an answer already in hand (e.g. from `app.request`) as an event stream; `abort` ends its request. */
export async function readEventStream(response: Response, abort?: () => void): Promise<SseStream> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const close = () => {
    if (abort) abort();
    else void reader?.cancel().catch(() => undefined);
  };
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const sink = { events, comments };
  let json: unknown;
  let ended: Promise<void> = Promise.resolve();
  if (!(response.headers.get('Content-Type') ?? '').startsWith('text/event-stream')) {
    json = await response.json();
  } else {
    ended = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        reader = response.body!.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          buffer += decoder.decode(read.value, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            parseBlock(buffer.slice(0, end), sink);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // Aborted by close().
      }
    })();
  }
  return {
    status: response.status,
    headers: response.headers,
    json,
    events,
    comments,
    ended,
    async waitForEvents(count, timeoutMs = 3000) {
      await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(count), { timeout: timeoutMs, interval: 5 });
      return events;
    },
    close,
  };
}

/** An event's data as JSON. */
export function dataOf(event: SseEvent | undefined): unknown {
  return event?.data === undefined ? undefined : JSON.parse(event.data);
}
