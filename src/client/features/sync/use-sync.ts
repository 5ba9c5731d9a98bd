/** Runs one SyncEngine for the page's life once the config is known; resumes polling on tab show. */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { USE_API } from '../../env.js';
import type { ClientConfig } from '../../lib/client-config.js';
import { instanceScopedName, pagePathname } from '../../lib/instance-path.js';
import { lastKnownOf } from '../../lib/last-known.js';
import { createLocalQueueStorage, OFFLINE_QUEUE_KEY } from '../offline-queue/queue-storage.js';
import { defaultReplayLock } from '../offline-queue/replay-lock.js';
import type { WriteChange, WriteOp } from '../../lib/write-op.js';
import { createApiBackend } from './api-backend.js';
import { createLocalBackend } from './local-backend.js';
import type { SyncMessage } from './rejection-message.js';
import { normalizeBlob } from './normalize-blob.js';
import { SyncEngine } from './sync-engine.js';
import type { SyncSnapshot } from './sync-engine.js';

const EMPTY: SyncSnapshot = { blob: {}, status: 'syncing', queued: 0, loaded: false };

export interface SyncHandle {
  snapshot: SyncSnapshot;
  submit(change: WriteChange): void;
}

/** What the page does with the engine's news: show its messages, mark the changes it confirmed. */
export interface SyncListeners {
  onMessage(message: SyncMessage): void;
  onConfirmed(op: WriteOp): void;
}

export function useSync(config: ClientConfig | null, listeners: SyncListeners): SyncHandle {
  const [snapshot, setSnapshot] = useState<SyncSnapshot>(EMPTY);
  const engine = useRef<SyncEngine | null>(null);
  const listenersRef = useRef(listeners);
  listenersRef.current = listeners;

  // Layout effect: the first sync starts in the same task as the first render, not a frame later.
  useLayoutEffect(() => {
    if (!config) return;
    const lastKnown = USE_API && !config.locked ? lastKnownOf(pagePathname()) : undefined;
    const sut = new SyncEngine({
      backend: USE_API ? createApiBackend() : createLocalBackend(config),
      rules: config.rules,
      // Per instance: two instances open in one browser never replay each other's offline ops.
      queueStorage: USE_API
        ? createLocalQueueStorage(instanceScopedName(OFFLINE_QUEUE_KEY, pagePathname()))
        : undefined,
      lock: (name, task) => defaultReplayLock(instanceScopedName(name, pagePathname()), task),
      lastKnown: lastKnown && { blob: normalizeBlob(lastKnown.bookings()), remember: lastKnown.rememberBookings },
      onChange: setSnapshot,
      onMessage: (message) => listenersRef.current.onMessage(message),
      onConfirmed: (op) => listenersRef.current.onConfirmed(op),
    });
    engine.current = sut;
    setSnapshot(sut.current());
    sut.start();
    const onVisibility = () => {
      if (!document.hidden) sut.pollNow();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      sut.stop();
    };
  }, [config]);

  return { snapshot, submit: (change) => engine.current?.submit(change) };
}
