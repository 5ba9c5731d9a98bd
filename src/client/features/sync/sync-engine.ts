/**
 * Keeps the client's bookings in step with the backend (PRODUCT.md §6.2–§6.3, §5.2, issue 4):
 * initial load, 7 s polling with ETags, optimistic writes sent one at a time, rollback by full
 * re-sync, and the offline queue. Framework-free; the view subscribes to snapshots.
 */
import type { BookingsBlob } from '../../../core/bookings.js';
import type { BookingRules } from '../../../core/rules.js';
import { outcomeOf, queueAfter, durableOps } from '../offline-queue/replay.js';
import type { QueueStorage } from '../offline-queue/queue-storage.js';
import { applyOp, applyOps } from '../offline-queue/write-op.js';
import type { WriteChange, WriteOp } from '../offline-queue/write-op.js';
import type { BookingsBackend } from './backend.js';
import { normalizeBlob } from './normalize-blob.js';
import { describeRejection } from './rejection-message.js';

export const POLL_INTERVAL_MS = 7000;

export type SyncStatus = 'live' | 'syncing' | 'offline';

export interface SyncSnapshot {
  /** What to show: the server's last state with pending changes applied. */
  blob: BookingsBlob;
  status: SyncStatus;
  /** Changes waiting for the API to come back. */
  queued: number;
  /** True once the first bookings load has settled (ok or failed). */
  loaded: boolean;
}

export interface SyncEngineOptions {
  backend: BookingsBackend;
  rules: Pick<BookingRules, 'closeHour'>;
  queueStorage?: QueueStorage;
  onChange(snapshot: SyncSnapshot): void;
  onMessage(text: string): void;
  pollIntervalMs?: number;
}

export class SyncEngine {
  private serverBlob: BookingsBlob = {};
  private etag: string | null = null;
  private queue: WriteOp[];
  private loaded = false;
  private offline = false;
  private inFlight = false;
  private draining = false;
  private fetching = false;
  /** Bumped whenever a write starts or settles: a poll issued in another epoch is stale (§6.2). */
  private epoch = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  private snapshot: SyncSnapshot;
  private nextId = 0;

  constructor(private readonly options: SyncEngineOptions) {
    this.queue = options.queueStorage?.load() ?? [];
    this.offline = false;
    this.snapshot = this.computeSnapshot();
  }

  /** The current state, for a first render before any change is emitted. */
  current(): SyncSnapshot {
    return this.snapshot;
  }

  /** Loads bookings, then polls every 7 s while the page is visible (API mode). */
  start(): void {
    void this.sync(false).then(() => {
      if (this.stopped || !this.options.backend.polls) return;
      this.timer = setInterval(() => {
        if (typeof document === 'undefined' || !document.hidden) void this.sync(false);
      }, this.options.pollIntervalMs ?? POLL_INTERVAL_MS);
    });
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** An immediate poll, e.g. when the tab becomes visible again. */
  pollNow(): void {
    if (this.options.backend.polls) void this.sync(false);
  }

  /** Applies a change optimistically and sends it (or queues it while offline). */
  submit(change: WriteChange): void {
    const op = { ...change, id: `${Date.now().toString(36)}-${(this.nextId += 1)}`, offline: this.offline } as WriteOp;
    this.queue = [...this.queue, op];
    this.persist();
    this.emit();
    void this.drain();
  }

  private persist(): void {
    this.options.queueStorage?.save(durableOps(this.queue));
  }

  private computeSnapshot(): SyncSnapshot {
    const queued = durableOps(this.queue).length;
    const status: SyncStatus = this.offline ? 'offline' : !this.loaded || this.queue.length > 0 ? 'syncing' : 'live';
    return { blob: applyOps(this.serverBlob, this.queue, this.options.rules), status, queued, loaded: this.loaded };
  }

  private emit(): void {
    this.snapshot = this.computeSnapshot();
    this.options.onChange(this.snapshot);
  }

  /** GET the blob; `force` skips the ETag (a re-sync after a failure is a full replace). */
  private async sync(force: boolean): Promise<void> {
    if (this.fetching && !force) return;
    this.fetching = true;
    const issuedIn = this.epoch;
    const result = await this.options.backend.fetchBookings(force ? null : this.etag);
    this.fetching = false;
    if (this.stopped) return;
    // A failing server (5xx) is as good as gone: keep the last state and queue changes (§5.2).
    if (result.kind === 'unreachable' || (result.kind === 'rejected' && result.status >= 500)) {
      console.warn('Hourbook: bookings unavailable, keeping the last state:', result);
      const changed = !this.offline || !this.loaded;
      this.offline = true;
      this.loaded = true;
      if (changed) this.emit();
      return;
    }
    if (result.kind === 'rejected') {
      console.warn(`Hourbook: bookings poll failed (${result.status}): ${result.error}`);
      if (!this.loaded) {
        this.loaded = true;
        this.emit();
      }
      return;
    }
    const wasOffline = this.offline;
    this.offline = false;
    if (result.kind === 'not-modified') {
      // A 304 changes nothing: no new snapshot, so nothing re-renders (issue 4).
      if (wasOffline) this.emit();
    } else {
      const blob = normalizeBlob(result.body);
      const stale = this.epoch !== issuedIn || this.inFlight;
      if (blob && !stale) {
        this.serverBlob = blob;
        this.etag = result.etag;
      }
      this.loaded = true;
      if (!stale || wasOffline) this.emit();
    }
    if (this.queue.length > 0) void this.drain();
  }

  /** Sends queued ops in order until the queue empties, the API drops out or a rate limit hits. */
  private async drain(): Promise<void> {
    if (this.draining || this.offline || !this.loaded) return;
    this.draining = true;
    try {
      while (this.queue.length > 0 && !this.offline && !this.stopped) {
        const op = this.queue[0] as WriteOp;
        this.inFlight = true;
        this.epoch += 1;
        const result = await this.options.backend.send(op);
        this.inFlight = false;
        this.epoch += 1;
        const outcome = outcomeOf(op, result);
        this.queue = queueAfter(this.queue, outcome);
        this.persist();
        if (outcome === 'applied') {
          this.serverBlob = applyOp(this.serverBlob, op, this.options.rules);
          this.emit();
        } else if (outcome === 'offline') {
          this.offline = true;
          this.emit();
        } else if (outcome === 'retry-later') {
          break;
        } else if (result.kind === 'rejected') {
          await this.sync(true);
          this.options.onMessage(describeRejection(op, result.status, result.error, this.serverBlob));
          this.emit();
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
