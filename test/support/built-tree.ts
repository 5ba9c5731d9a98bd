/**
 * The compiled tree (`npm run build` → build/server/, dist/) for tests that run what production
 * runs. Builds once when stale; test files that need it at the same time share one build
 * through a lock folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain .mjs script without type declarations
import { staleReason } from '../../scripts/build-freshness.mjs';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BUILT_SERVER = join(REPO, 'build/server/main.js');
export const BUILT_CLI = join(REPO, 'build/server/hourbook.js');
const LOCK = join(REPO, 'build/.test-build.lock');
/** A lock older than this belongs to a crashed run. */
const STALE_LOCK_MS = 5 * 60_000;

const isStale = staleReason as () => string | undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function takeLock(): boolean {
  mkdirSync(join(REPO, 'build'), { recursive: true });
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    const held = statSync(LOCK, { throwIfNoEntry: false });
    if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/** Resolves once the build is fresh, building it (quietly) when it is not. */
export async function ensureBuilt(): Promise<void> {
  while (isStale()) {
    if (!takeLock()) {
      await sleep(250);
      continue;
    }
    try {
      if (!isStale()) return;
      const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: REPO, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
