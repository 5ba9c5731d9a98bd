/**
 * Live (the change stream is up) / Polling (its fallback, every 7 s) / Syncing… / Offline, plus
 * the number of queued offline changes (issues 4 and 8).
 */
import type { SyncSnapshot } from './sync-engine.js';

const TEXT = { live: 'Live', polling: 'Polling', syncing: 'Syncing…', offline: 'Offline' } as const;

export function SyncIndicator({ status, queued, demo }: Pick<SyncSnapshot, 'status' | 'queued'> & { demo: boolean }) {
  const text = demo ? 'Local demo' : TEXT[status];
  return (
    <div class={`sync sync--${status}`} role="status" data-sync-state={status}>
      <span class="sync__dot" aria-hidden="true" />
      {queued > 0 ? `${text} · ${queued} queued` : text}
    </div>
  );
}
