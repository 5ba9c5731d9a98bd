/**
 * When to use the change stream and when to give up on it for a while (issue 8 §3). The browser
 * reconnects a dropped stream itself (every 2 s, the server's `retry`, sending `Last-Event-ID`);
 * an expected close after `bye` is no drop. A refused stream (404 with LIVE_UPDATES=off, 429 over
 * the per-address cap, 5xx) or one that keeps failing is closed, and tried again after 5, 10, 20
 * and then every 30 s, while the engine polls.
 */
import type { BookingsBackend, EventStream, StreamMessage } from './backend.js';

export const STREAM_RETRY_MS = [5000, 10_000, 20_000, 30_000] as const;
/** Reconnects the browser may try after a drop before the client falls back to polling. */
const FAILED_RECONNECTS_ALLOWED = 2;

export interface StreamLinkHandlers {
  /** The stream is live (its `hello` arrived): stop polling. */
  onLive(): void;
  /** A `hello`, `change` or `resync`, in stream order. */
  onMessage(message: Exclude<StreamMessage, { type: 'error' | 'bye' }>): void;
  /** The live stream broke unexpectedly: the server may be gone. */
  onDrop(): void;
  /** The stream is closed for now: poll until it is retried. */
  onFallback(): void;
}

export class StreamLink {
  private source: EventStream | undefined;
  private live = false;
  private failures = 0;
  private byeHeard = false;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly open: NonNullable<BookingsBackend['openStream']>,
    private readonly lastEventId: () => string,
    private readonly handlers: StreamLinkHandlers,
    private readonly retryDelays: readonly number[] = STREAM_RETRY_MS,
  ) {}

  /** True while a stream is open or reconnecting by itself. */
  get isOpen(): boolean {
    return this.source !== undefined;
  }

  /** Opens the stream now unless one is open; `fresh` restarts the retry schedule. */
  connect(fresh = false): void {
    if (fresh) this.retries = 0;
    if (this.source) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.failures = 0;
    this.source = this.open(this.lastEventId(), (message) => this.onMessage(message));
    if (!this.source) this.handlers.onFallback();
  }

  close(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = undefined;
    this.live = false;
  }

  private onMessage(message: StreamMessage): void {
    if (!this.source) return;
    switch (message.type) {
      case 'hello':
        this.failures = 0;
        this.retries = 0;
        this.byeHeard = false;
        if (!this.live) {
          this.live = true;
          this.handlers.onLive();
        }
        this.handlers.onMessage(message);
        return;
      case 'bye':
        this.byeHeard = true;
        return;
      case 'error':
        this.onError(message.willRetry);
        return;
      default:
        this.handlers.onMessage(message);
    }
  }

  private onError(willRetry: boolean): void {
    // The server said bye: the browser's reconnect (with Last-Event-ID) is expected, still live.
    if (willRetry && this.byeHeard) {
      this.byeHeard = false;
      return;
    }
    this.failures += 1;
    if (!willRetry || this.failures > FAILED_RECONNECTS_ALLOWED) {
      this.fallBack();
      return;
    }
    if (this.live) {
      this.live = false;
      this.handlers.onDrop();
    }
  }

  private fallBack(): void {
    this.close();
    const delay = this.retryDelays[Math.min(this.retries, this.retryDelays.length - 1)]!;
    this.retries += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.handlers.onFallback();
  }
}
