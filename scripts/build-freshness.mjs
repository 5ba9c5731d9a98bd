/**
 * Whether `build/` is up to date with its sources, by modification time (cheap enough to run
 * on every `npm start`): scripts/build.mjs writes the stamp last, so any source newer than the
 * stamp means the build is stale. The lockfile is compared by content instead, because
 * `npm prune` rewrites it unchanged.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
/** Written by scripts/build.mjs once the client and the server are both built. */
export const BUILD_STAMP = join(REPO, 'build/server/.build-complete');
/** What the build reads; tests are left out, so editing one never triggers a rebuild. */
const INPUTS = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json', 'scripts/build.mjs'];

/** The newest modification time under `path`, in ms (0 when it does not exist). */
function newestChange(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return /\.(test|contract)\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/** What the stamp holds: a hash of the lockfile the build was made with. */
export function lockfileHash() {
  const lock = join(REPO, 'package-lock.json');
  const text = statSync(lock, { throwIfNoEntry: false }) ? readFileSync(lock) : '';
  return createHash('sha256').update(text).digest('hex');
}

/** Why the build must be redone, e.g. `no build yet`, or undefined when it is fresh. */
export function staleReason() {
  const built = statSync(BUILD_STAMP, { throwIfNoEntry: false });
  if (!built) return 'no build yet';
  const newest = Math.max(...INPUTS.map((input) => newestChange(join(REPO, input))));
  if (newest > built.mtimeMs) return 'the sources changed since the last build';
  if (readFileSync(BUILD_STAMP, 'utf8').trim() !== lockfileHash())
    return 'the dependencies changed since the last build';
  return undefined;
}
