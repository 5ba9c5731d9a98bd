/**
 * What a failed store call may say about itself in logs and error causes: a short code and the
 * host, never the upstream text (a REST body, the command sent, its arguments: issue 7 §5.8).
 */

/** The cause every `StorageUnavailableError` of a store carries, e.g. `ECONNREFUSED (redis://kv:6379)`. */
export class StoreFailure extends Error {
  constructor(
    /** e.g. `timeout`, `ECONNREFUSED`, `WRONGTYPE`, `SQLITE_BUSY`, `closed`. */
    readonly failure: string,
    /** Host (and port) only, e.g. `redis://kv:6379`. */
    readonly target: string,
  ) {
    super(`${failure} (${target})`);
    this.name = 'StoreFailure';
  }
}

const CODE = /^[A-Z][A-Z0-9_]{1,31}$/;

function isTimeout(error: Error): boolean {
  return error.name === 'TimeoutError' || error.name === 'AbortError' || /timed? ?out/i.test(error.message);
}

/**
 * A short code for any thrown value: its `code` (`ECONNREFUSED`), the leading word of a Redis
 * reply error (`WRONGTYPE`), `timeout`, or `error`; never any other part of the message.
 */
export function failureCode(error: unknown): string {
  if (error instanceof StoreFailure) return error.failure;
  if (!(error instanceof Error)) return 'error';
  if (isTimeout(error)) return 'timeout';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CODE.test(code)) return code;
  const word = error.message.split(/[\s:,]/, 1)[0] ?? '';
  if (CODE.test(word)) return word;
  if (/connection is closed/i.test(error.message)) return 'closed';
  if (error.cause !== undefined && error.cause !== error) {
    const inner = failureCode(error.cause);
    if (inner !== 'error') return inner;
  }
  return 'error';
}

/** The safe cause for `error` met on `target`. */
export function storeFailureOf(error: unknown, target: string): StoreFailure {
  return error instanceof StoreFailure ? error : new StoreFailure(failureCode(error), target);
}
