/**
 * The offline queue's state machine (PRODUCT.md §5.2, issue 4): what one request's outcome does
 * to the queue. Every queued change ends applied or reported; none is silently dropped.
 */
import type { ApiResult } from '../../api/request.js';
import type { WriteOp } from './write-op.js';

/**
 * - `applied`: the server took it; drop it from the queue.
 * - `rejected`: the server refused it (409, 404, 400…); drop it, re-sync, tell the user.
 * - `offline`: the API is unreachable; keep it and every later op, marked offline, and stop.
 * - `retry-later`: a queued offline op hit a rate limit; keep it and stop until the next poll.
 */
export type ReplayOutcome = 'applied' | 'rejected' | 'offline' | 'retry-later';

/** What a send's result means for the op at the head of the queue. */
export function outcomeOf(op: WriteOp, result: ApiResult<unknown>): ReplayOutcome {
  switch (result.kind) {
    case 'ok':
    case 'not-modified':
      return 'applied';
    case 'unreachable':
      return 'offline';
    case 'rejected':
      return op.offline && result.status === 429 ? 'retry-later' : 'rejected';
  }
}

/** The queue after `outcome` of its head op: applied/rejected drop it; offline marks all ops offline. */
export function queueAfter(queue: readonly WriteOp[], outcome: ReplayOutcome): WriteOp[] {
  if (outcome === 'applied' || outcome === 'rejected') return queue.slice(1);
  if (outcome === 'offline') return queue.map((op) => (op.offline ? op : { ...op, offline: true }));
  return [...queue];
}

/** The ops worth keeping across a reload: those made or stranded while offline. */
export function durableOps(queue: readonly WriteOp[]): WriteOp[] {
  return queue.filter((op) => op.offline);
}
