/** The build's version as the worker knows it: a hash of every shell file's path and bytes. */
import { createHash } from 'node:crypto';

export interface ShellFile {
  /** Site path, e.g. `/assets/index-1a2b3c.js`. */
  path: string;
  content: Uint8Array;
}

/** 12 hex digits that change whenever any shell file is added, removed, renamed or edited. */
export function shellVersionOf(files: readonly ShellFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(file.path).update('\0').update(file.content).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}
