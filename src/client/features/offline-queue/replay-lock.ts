/**
 * Mutual exclusion for replaying the offline queue, so only one tab sends a given stored op.
 * Uses the Web Locks API (`navigator.locks`) when the browser has it; otherwise an in-process
 * mutex, which serialises engines in one page (and in tests) but not separate tabs. There, the
 * per-op re-read and removal of the stored queue, and the "already applied" check on a rejected
 * replay, keep a rare double send from losing a change or raising a false conflict.
 */

export const REPLAY_LOCK_NAME = 'hourbook-offline-replay';

/** Runs `task` while holding the lock `name`, resolving with its result. */
export type LockRunner = <T>(name: string, task: () => Promise<T>) => Promise<T>;

interface WebLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

const tails = new Map<string, Promise<unknown>>();

/** An in-process mutex per name: each task starts once the previous one with that name settles. */
export const inProcessLock: LockRunner = (name, task) => {
  const previous = tails.get(name) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(name, tail);
  void tail.then(() => {
    if (tails.get(name) === tail) tails.delete(name);
  });
  return run;
};

function webLocks(): WebLocks | undefined {
  const nav = (globalThis as { navigator?: { locks?: WebLocks } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : undefined;
}

/** The Web Locks API when available, else the in-process mutex. */
export const defaultReplayLock: LockRunner = (name, task) => {
  const locks = webLocks();
  return locks ? locks.request(name, task) : inProcessLock(name, task);
};
