/**
 * Server-Sent Events on the wire (WHATWG HTML §9.2, "event stream"): the one encoder, and the two
 * places the text goes. Under @hono/node-server the stream is written straight to Node's
 * `ServerResponse`: no web streams per connection, so an idle stream costs little more than its
 * socket (issue 8 §7: 2,000 streams in one process). In-process (`app.request`) and on Vercel the
 * same text goes into a Fetch `ReadableStream`.
 */
import { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';

export interface ServerSentEvent {
  event?: string;
  /** Becomes the client's `Last-Event-ID`; no line breaks. */
  id?: string;
  data?: string;
  /** Milliseconds the browser waits before reconnecting. */
  retry?: number;
}

/**
 * Encodes one event, e.g. `{ event: 'hello', id: 'k3x9-4', data: '{}' }` →
 * `event: hello\nid: k3x9-4\ndata: {}\n\n`; each line of `data` gets its own `data:` field.
 */
export function encodeServerSentEvent(message: ServerSentEvent): string {
  let text = '';
  if (message.retry !== undefined) text += `retry: ${message.retry}\n`;
  if (message.event !== undefined) text += `event: ${message.event}\n`;
  if (message.id !== undefined) text += `id: ${message.id}\n`;
  if (message.data !== undefined) for (const line of message.data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** A comment line, which every client ignores: `: heartbeat\n\n`. */
export function encodeServerSentComment(comment: string): string {
  return `: ${comment}\n\n`;
}

/** Where an open stream's text goes. */
export interface EventSink {
  /** Sends `text` (already encoded); ignored once the stream is closed. */
  write(text: string): void;
  /** Ends the answer after what was written. */
  end(): void;
  /** `listener` runs once, when the client went away or the answer ended. */
  onClose(listener: () => void): void;
}

const STREAM_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' } as const;

function nodeResponseOf(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse ? outgoing : undefined;
}

function nodeSink(outgoing: ServerResponse): EventSink {
  return {
    write: (text) => {
      if (!outgoing.writableEnded && !outgoing.destroyed) outgoing.write(text);
    },
    end: () => {
      if (!outgoing.writableEnded) outgoing.end();
    },
    onClose: (listener) => {
      if (outgoing.closed) listener();
      else outgoing.once('close', listener);
    },
  };
}

function fetchSink(): { sink: EventSink; body: ReadableStream<Uint8Array> } {
  const encoder = new TextEncoder();
  const listeners: (() => void)[] = [];
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let closed = false;
  const closeOnce = () => {
    if (closed) return;
    closed = true;
    for (const listener of listeners.splice(0)) listener();
  };
  const body = new ReadableStream<Uint8Array>({
    start: (opened) => void (controller = opened),
    cancel: closeOnce,
  });
  const sink: EventSink = {
    write: (text) => {
      if (!closed) controller!.enqueue(encoder.encode(text));
    },
    end: () => {
      if (closed) return;
      controller!.close();
      closeOnce();
    },
    onClose: (listener) => (closed ? listener() : void listeners.push(listener)),
  };
  return { sink, body };
}

/**
 * Starts the `200 text/event-stream` answer of `c`, with every header the middleware prepared
 * (security headers, CORS, `X-RateLimit-Remaining`), and returns where to write and what the
 * handler returns: on Node a marker that the answer is already under way.
 */
export function openEventSink(c: Context): { sink: EventSink; response: Response } {
  const outgoing = nodeResponseOf(c);
  if (!outgoing) {
    const { sink, body } = fetchSink();
    return { sink, response: c.body(body, 200, STREAM_HEADERS) };
  }
  const prepared = c.body(null, 200, STREAM_HEADERS);
  outgoing.writeHead(200, Object.fromEntries(prepared.headers));
  // Headers now, not with the first event: the client learns at once that the stream is open.
  outgoing.flushHeaders();
  return { sink: nodeSink(outgoing), response: new Response(null, { headers: RESPONSE_ALREADY_SENT.headers }) };
}
