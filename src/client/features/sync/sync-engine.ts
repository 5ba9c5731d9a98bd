/**
 * Keeps the client's bookings in step with the backend (PRODUCT.md §6.2–§6.3, §5.2, issue 4):
 * initial load, 7 s polling with ETags, optimistic writes sent one at a time, rollback by full
 * re-sync, and the offline queue. Framework-free; the view subscribes to snapshots.
 *
 * Two kinds of pending op:
 * - this tab's own ops sent while online, in memory only (`local`), one at a time in order;
 * - durable ops, made or stranded while offline, whose source of truth is the shared queue storage
 *   (every tab's). They are replayed under the `hourbook-offline-replay` lock, re-reading storage
 *   before each send and removing the op by id right after its outcome, so each is sent by one tab
 *   once. Other tabs see the storage change (event, or a re-read on each poll) and keep their
 *   optimistic view and queued count right.
 */
import type { BookingsBlob } from '../../../core/bookings.js';
import type { BookingRules } from '../../../core/rules.js';
import type { ApiResult } from '../../api/request.js';
import { createMemoryQueueStorage } from '../offline-queue/queue-storage.js';
import type { QueueStorage } from '../offline-queue/queue-storage.js';
import { defaultReplayLock, REPLAY_LOCK_NAME } from '../offline-queue/replay-lock.js';
import type { LockRunner } from '../offline-queue/replay-lock.js';
import { alreadyApplied, outcomeOf } from '../offline-queue/replay.js';
import type { ReplayOutcome } from '../offline-queue/replay.js';
import { applyOp, applyOps } from '../../lib/write-op.js';
import type { WriteChange, WriteOp } from '../../lib/write-op.js';
import type { BookingsBackend, StreamMessage } from './backend.js';
import { applyBookingChange, parseBookingChange, parseChangesAnswer } from './booking-change.js';
import type { BookingChange } from './booking-change.js';
import { normalizeBlob } from './normalize-blob.js';
import { describeRejection, describeReplaySaved } from './rejection-message.js';
import type { SyncMessage } from './rejection-message.js';
import { StreamLink } from './stream-link.js';
import { placeOfRevision } from '../../../core/revision.js';
import { revisionOfEtag } from '../../lib/revision.js';

const POLL_INTERVAL_MS = 7000;
/** Delay of the poll that follows another tab settling stored ops (coalesces a whole replay). */
const RESYNC_DELAY_MS = 400;

/** `live`: the change stream is up; `polling`: the fallback (§6.3); `syncing`: loading or writes pending. */
export type SyncStatus = 'live' | 'polling' | 'syncing' | 'offline';

/** How other people's changes reach this tab: `connecting` until the stream's first answer. */
type Transport = 'none' | 'connecting' | 'stream' | 'polling';

/** How a fetch reads: a conditional poll, a full refetch, or the changes since the held revision. */
type FetchMode = 'poll' | 'full' | 'since';

const isVisible = () => typeof document === 'undefined' || !document.hidden;

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
  /** Where offline ops live, shared by every tab; in memory only when absent. */
  queueStorage?: QueueStorage;
  /** Cross-tab mutual exclusion for the replay; `navigator.locks` or an in-process mutex by default. */
  lock?: LockRunner;
  onChange(snapshot: SyncSnapshot): void;
  onMessage(message: SyncMessage): void;
  /** The server took a change of this tab (its answer, or a replay): e.g. a new booking's glow (§8.8). */
  onConfirmed?(op: WriteOp): void;
  pollIntervalMs?: number;
  /** Waits before retrying a stream given up on (default STREAM_RETRY_MS: 5, 10, 20, then 30 s). */
  streamRetryMs?: readonly number[];
  /**
   * The last state the server confirmed (issue 9 §13): `blob` is shown until the first answer
   * replaces it (never sent or kept as confirmed), and `remember` is given each new confirmed state.
   */
  lastKnown?: { blob: BookingsBlob | null; remember(blob: BookingsBlob): void };
}

function newOpId(counter: number): string {
  const random =
    typeof globalThis.crypto?.randomUUID === 'function'
      ? globalThis.crypto.randomUUID()
      : Math.random().toString(36).slice(2, 12);
  return `${Date.now().toString(36)}-${random}-${counter}`;
}

export class SyncEngine {
  private serverBlob: BookingsBlob = {};
  /** False while `serverBlob` is only the last known state of an earlier visit. */
  private confirmed = false;
  /** The confirmed state last handed to `lastKnown.remember`. */
  private remembered: BookingsBlob | null = null;
  private etag: string | null = null;
  /** The revision `serverBlob` is at (the ETag's value), advanced by each applied stream change. */
  private revision: string | null = null;
  private link: StreamLink | undefined;
  private transport: Transport = 'none';
  /** Stream messages held while a catch-up is in flight, handled in order once it lands. */
  private buffered: StreamMessage[] = [];
  private catchingUp = false;
  /** Whether the last fetch failed (unreachable or refused): a catch-up then drops what it held. */
  private lastFetchFailed = false;
  /** This tab's ops made online: not yet sent or in flight, in order. */
  private local: WriteOp[] = [];
  /** The shared stored queue as last read. */
  private durable: WriteOp[];
  /** Durable ops another tab just settled, still shown until a poll issued after that lands. */
  private settling: { op: WriteOp; seenAtFetch: number }[] = [];
  private readonly store: QueueStorage;
  private readonly lock: LockRunner;
  private unsubscribe: (() => void) | undefined;
  private loaded = false;
  private offline = false;
  private inFlight = false;
  private draining = false;
  private fetching = false;
  /** Bumped whenever a write starts or settles: a poll issued in another epoch is stale (§6.2). */
  private epoch = 0;
  /** Numbers each fetch; a response older than the last one accepted is dropped. */
  private fetchSeq = 0;
  private acceptedSeq = 0;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private resyncTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private snapshot: SyncSnapshot;
  private nextId = 0;
  /** Stored ops saved since the stored queue was last seen empty, told once it is (issue 9 §11). */
  private savedInReplay = 0;

  constructor(private readonly options: SyncEngineOptions) {
    this.store = options.queueStorage ?? createMemoryQueueStorage();
    this.lock = options.lock ?? defaultReplayLock;
    this.durable = this.store.load();
    this.serverBlob = options.lastKnown?.blob ?? {};
    this.snapshot = this.computeSnapshot();
  }

  /** The current state, for a first render before any change is emitted. */
  current(): SyncSnapshot {
    return this.snapshot;
  }

  /**
   * Loads bookings, then follows the change stream where the backend offers one, else (and while
   * the stream is down) polls every 7 s while the page is visible (API mode).
   */
  start(): void {
    this.unsubscribe = this.store.subscribe?.(() => this.onStoredQueueChanged());
    const { backend } = this.options;
    if (backend.openStream) {
      this.link = new StreamLink(
        backend.openStream,
        () => this.revision ?? '',
        {
          onLive: () => this.onStreamLive(),
          onMessage: (message) => this.onStreamMessage(message),
          onDrop: () => this.onStreamDrop(),
          onFallback: () => this.onStreamFallback(),
        },
        this.options.streamRetryMs,
      );
      this.transport = 'connecting';
    } else if (backend.polls) {
      this.transport = 'polling';
    }
    void this.sync('poll').then(() => {
      if (this.stopped) return;
      if (this.link && !this.offline) this.link.connect();
      else if (this.link) this.onStreamFallback();
      else if (backend.polls) this.startPolling();
    });
  }

  stop(): void {
    this.stopped = true;
    this.stopPolling();
    this.link?.close();
    clearTimeout(this.resyncTimer);
    this.unsubscribe?.();
  }

  /** An immediate poll, e.g. when the tab becomes visible again; none while the stream is live. */
  pollNow(): void {
    if (this.options.backend.polls && (this.transport !== 'stream' || this.offline)) void this.sync('poll');
  }

  /** A write found the API gone: even with the stream still open, polls tell when it is back. */
  private wentOffline(): void {
    this.offline = true;
    this.emit();
    this.startPolling();
  }

  private startPolling(): void {
    if (this.pollTimer !== undefined || this.stopped || !this.options.backend.polls) return;
    this.pollTimer = setInterval(() => {
      if (isVisible()) void this.sync('poll');
    }, this.options.pollIntervalMs ?? POLL_INTERVAL_MS);
  }

  private stopPolling(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  /** The stream answered: it is the only source of other people's changes now, no polls. */
  private onStreamLive(): void {
    if (this.stopped) return;
    this.transport = 'stream';
    this.stopPolling();
    const wasOffline = this.offline;
    this.offline = false;
    this.emit();
    if (wasOffline) void this.drain();
  }

  /** The live stream broke: show Offline at once, and let one poll tell whether the API is there. */
  private onStreamDrop(): void {
    if (this.stopped) return;
    this.transport = 'polling';
    this.offline = true;
    this.emit();
    this.startPolling();
    if (isVisible()) void this.sync('poll');
  }

  private onStreamFallback(): void {
    if (this.stopped) return;
    this.transport = 'polling';
    this.emit();
    this.startPolling();
  }

  /** One stream message, in order; held while a catch-up is in flight. */
  private onStreamMessage(message: StreamMessage): void {
    if (this.stopped) return;
    if (this.catchingUp) {
      this.buffered.push(message);
      return;
    }
    switch (message.type) {
      case 'change': {
        const change = parseBookingChange(message.data);
        if (!change) return void this.catchUp('since');
        const place = placeOfRevision(change.revision, this.revision);
        if (place === 'seen') return;
        if (place === 'gap') {
          this.buffered.push(message);
          return void this.catchUp('since');
        }
        this.applyChanges([change], change.revision);
        this.emit();
        return;
      }
      case 'hello':
        // After any replay the stream is at `revision`: behind it, this tab missed something.
        if (placeOfRevision(message.revision, this.revision) !== 'seen') void this.catchUp('since');
        return;
      case 'resync':
        if (placeOfRevision(message.revision, this.revision) !== 'seen') void this.catchUp('full');
        return;
    }
  }

  /** Fetches what the stream could not tell, then handles the messages that came meanwhile. */
  private async catchUp(mode: 'since' | 'full'): Promise<void> {
    this.catchingUp = true;
    try {
      await this.sync(mode);
    } finally {
      this.catchingUp = false;
    }
    const held = this.buffered.splice(0);
    // Failed (offline, refused): drop them; the next hello or poll catches up instead of a loop.
    if (this.stopped || this.offline || this.lastFetchFailed) return;
    for (const message of held) this.onStreamMessage(message);
  }

  private applyChanges(changes: readonly BookingChange[], revision: string): void {
    let blob = this.serverBlob;
    for (const change of changes) {
      if (placeOfRevision(change.revision, this.revision) === 'seen') continue;
      blob = applyBookingChange(blob, change);
    }
    this.serverBlob = blob;
    this.revision = revision;
    this.etag = `"${revision}"`;
  }

  /** Applies a change optimistically and sends it (or stores it durably while offline). */
  submit(change: WriteChange): void {
    const op = { ...change, id: newOpId((this.nextId += 1)), offline: this.offline } as WriteOp;
    if (this.offline) {
      this.store.append([op]);
      this.refreshDurable();
    } else {
      this.local = [...this.local, op];
    }
    this.emit();
    void this.drain();
  }

  /** Another tab changed the stored queue: show its ops, and replay them if this tab is online. */
  private onStoredQueueChanged(): void {
    if (this.stopped) return;
    const { settled } = this.refreshDurable();
    this.emit();
    if (settled) this.scheduleResync();
    else void this.drain();
  }

  /**
   * One poll shortly after another tab's replay settles ops, however many it settles: reads count
   * against the API's shared rate limit (PRODUCT.md §4.7).
   */
  private scheduleResync(): void {
    if (this.resyncTimer !== undefined || !this.options.backend.polls) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = undefined;
      if (!this.stopped) void this.sync(this.transport === 'stream' ? 'since' : 'poll');
    }, RESYNC_DELAY_MS);
  }

  /**
   * Re-reads the stored queue. Ops gone from it were settled by another tab: they stay on show
   * until a poll issued from now on lands.
   */
  private refreshDurable(): { changed: boolean; settled: boolean } {
    const next = this.store.load();
    const ids = new Set(next.map((op) => op.id));
    const known = new Set(this.durable.map((op) => op.id));
    const gone = this.durable.filter((op) => !ids.has(op.id));
    const added = next.some((op) => !known.has(op.id));
    this.durable = next;
    for (const op of gone) this.settling.push({ op, seenAtFetch: this.fetchSeq });
    return { changed: added || gone.length > 0, settled: gone.length > 0 };
  }

  private computeSnapshot(): SyncSnapshot {
    const queued = this.durable.length;
    const pending = this.local.length + this.durable.length;
    const status: SyncStatus = this.offline
      ? 'offline'
      : !this.loaded || pending > 0 || this.transport === 'connecting'
        ? 'syncing'
        : this.transport === 'polling'
          ? 'polling'
          : 'live';
    const ops = [...this.settling.map((entry) => entry.op), ...this.durable, ...this.local];
    return { blob: applyOps(this.serverBlob, ops, this.options.rules), status, queued, loaded: this.loaded };
  }

  private emit(): void {
    if (this.confirmed && this.serverBlob !== this.remembered) {
      this.remembered = this.serverBlob;
      this.options.lastKnown?.remember(this.serverBlob);
    }
    this.snapshot = this.computeSnapshot();
    this.options.onChange(this.snapshot);
  }

  /** A response to fetch `seq` was accepted: ops settled before it was issued are in it. */
  private accept(seq: number): void {
    this.acceptedSeq = seq;
    this.settling = this.settling.filter((entry) => entry.seenAtFetch >= seq);
  }

  /**
   * GET the blob: `poll` with the ETag, `full` without it (a re-sync after a failure is a full
   * replace), or `since` the held revision, the cheap catch-up of a stream gap (issue 8 §5).
   */
  private async sync(mode: FetchMode): Promise<void> {
    if (this.fetching && mode === 'poll') return;
    // Ops another tab settled before this request are in its answer (§5.2, several tabs).
    const queueChanged = this.refreshDurable().changed;
    this.fetching = true;
    const issuedIn = this.epoch;
    const seq = (this.fetchSeq += 1);
    const { backend } = this.options;
    const since = mode === 'since' && this.revision !== null ? this.revision : null;
    let result =
      since !== null && backend.fetchChangesSince
        ? await backend.fetchChangesSince(since)
        : await backend.fetchBookings(mode === 'poll' ? this.etag : null);
    if (seq === this.fetchSeq) this.fetching = false;
    if (this.stopped) return;
    this.lastFetchFailed = result.kind === 'unreachable' || result.kind === 'rejected';
    // A failing server (5xx) is as good as gone: keep the last state and queue changes (§5.2).
    if (result.kind === 'unreachable' || (result.kind === 'rejected' && result.status >= 500)) {
      console.warn('Hourbook: bookings unavailable, keeping the last state:', result);
      const changed = !this.offline || !this.loaded || queueChanged;
      this.offline = true;
      this.loaded = true;
      if (changed) this.emit();
      return;
    }
    if (result.kind === 'rejected') {
      console.warn(`Hourbook: bookings poll failed (${result.status}): ${result.error}`);
      if (!this.loaded || queueChanged) {
        this.loaded = true;
        this.emit();
      }
      return;
    }
    const wasOffline = this.offline;
    this.offline = false;
    if (this.transport === 'stream') this.stopPolling();
    const hadSettling = this.settling.length > 0;
    const answer = since !== null && result.kind === 'ok' ? parseChangesAnswer(result.body) : null;
    if (answer?.kind === 'full') {
      result = { kind: 'ok', status: 200, body: answer.bookings, etag: `"${answer.revision}"` };
    }
    if (answer?.kind === 'changes') {
      // Each change is a slot's state at its revision: right whatever writes are in flight.
      if (placeOfRevision(answer.revision, this.revision) !== 'seen')
        this.applyChanges(answer.changes, answer.revision);
      if (seq > this.acceptedSeq) this.accept(seq);
      this.emit();
    } else if (result.kind === 'not-modified') {
      // A 304 changes nothing: no new snapshot, so nothing re-renders (issue 4).
      if (seq > this.acceptedSeq) this.accept(seq);
      if (wasOffline || queueChanged || (hadSettling && this.settling.length === 0)) this.emit();
    } else {
      const blob = normalizeBlob(result.body);
      const revision = revisionOfEtag(result.etag);
      // Older than what the stream already applied (same epoch): a late answer, not news.
      const older =
        revision !== null && revision !== this.revision && placeOfRevision(revision, this.revision) === 'seen';
      const stale = this.epoch !== issuedIn || this.inFlight || seq < this.acceptedSeq || older;
      if (blob && !stale) {
        this.serverBlob = blob;
        this.confirmed = true;
        this.etag = result.etag;
        this.revision = revision;
        this.accept(seq);
      }
      this.loaded = true;
      if (!stale || wasOffline || queueChanged) this.emit();
    }
    // Back from offline with the stream given up: try it again now rather than on its timer.
    if (wasOffline && this.link && !this.link.isOpen) this.link.connect(true);
    if (this.local.length > 0 || this.durable.length > 0) void this.drain();
  }

  /** Sends one op, marking the write epoch around it so overlapping polls are discarded. */
  private async send(op: WriteOp) {
    this.inFlight = true;
    this.epoch += 1;
    const result = await this.options.backend.send(op);
    this.inFlight = false;
    this.epoch += 1;
    return result;
  }

  /**
   * Sends pending ops until none is left, the API drops out or a rate limit hits: first the
   * stored (older, offline) ones under the replay lock, then this tab's own.
   */
  private async drain(): Promise<void> {
    if (this.draining || this.offline || !this.loaded || this.stopped) return;
    this.draining = true;
    try {
      while (!this.offline && !this.stopped) {
        this.refreshDurable();
        if (this.durable.length > 0) {
          const finished = await this.lock(REPLAY_LOCK_NAME, () => this.replayStored());
          if (!finished) break;
          continue;
        }
        const op = this.local[0];
        if (!op) break;
        const result = await this.send(op);
        const outcome = outcomeOf(op, result);
        if (outcome === 'offline') {
          // This op and every later one become durable, after any other tab's stored ops.
          this.store.append(this.local.map((queued) => ({ ...queued, offline: true })));
          this.local = [];
          this.refreshDurable();
          this.wentOffline();
          break;
        }
        this.local = this.local.slice(1);
        await this.settle(op, outcome, result);
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * Replays the stored queue while holding the lock: re-reads storage before each send (another
   * tab may have sent or added ops) and removes the op right after its outcome. True once the
   * stored queue is empty, false when the API dropped out or rate-limited the replay.
   */
  private async replayStored(): Promise<boolean> {
    for (;;) {
      if (this.offline || this.stopped) return false;
      this.refreshDurable();
      const op = this.durable[0];
      if (!op) {
        this.reportReplaySaved();
        return true;
      }
      const result = await this.send(op);
      const outcome = outcomeOf(op, result);
      if (outcome === 'offline') {
        this.wentOffline();
        return false;
      }
      if (outcome === 'retry-later') return false;
      this.store.remove(op.id);
      this.durable = this.durable.filter((queued) => queued.id !== op.id);
      if (await this.settle(op, outcome, result)) this.savedInReplay += 1;
    }
  }

  private reportReplaySaved(): void {
    const saved = this.savedInReplay;
    this.savedInReplay = 0;
    if (saved > 0) this.options.onMessage({ sticky: false, news: true, describe: () => describeReplaySaved(saved) });
  }

  /**
   * What an applied or rejected op does to the view, and the message a real conflict earns. True
   * when the op is saved on the server (applied now, or by an earlier send).
   */
  private async settle(op: WriteOp, outcome: ReplayOutcome, result: ApiResult<unknown>): Promise<boolean> {
    if (outcome === 'applied') {
      this.serverBlob = applyOp(this.serverBlob, op, this.options.rules);
      this.emit();
      this.options.onConfirmed?.(op);
      return true;
    }
    if (result.kind !== 'rejected') return false;
    const before = this.serverBlob;
    await this.sync('full');
    // A replayed op whose first send was applied but whose answer was lost comes back 409/404
    // with the server already showing it: that is the user's own change, not a conflict.
    const appliedBefore =
      op.offline && (result.status === 409 || result.status === 404) && alreadyApplied(op, this.serverBlob);
    if (!appliedBefore) {
      const context = { before, after: this.serverBlob };
      const { status, error } = result;
      this.options.onMessage({
        sticky: !!op.offline,
        describe: (offsetOf) => describeRejection(op, status, error, context, offsetOf),
      });
    }
    this.emit();
    return !!appliedBefore;
  }
}
