/** A Lua script as the stores send it: its source, and the SHA-1 that EVALSHA names it by. */
import { createHash, randomBytes } from 'node:crypto';

export interface Script {
  source: string;
  sha1: string;
}

/** `source` with its SHA-1, e.g. `scriptOf(CREATE_BOOKING)`. */
export function scriptOf(source: string): Script {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/** A fresh revision epoch; used by a script only when the revision key does not exist yet. */
export function newEpoch(): string {
  return randomBytes(4).toString('hex');
}
