/**
 * Production builds of the web client for the browser tests, made with Vite's `build()` API into
 * `node_modules/.cache/hourbook-e2e/`. Each build is keyed by a hash of its inputs and the mode,
 * so parallel test files (and later runs with unchanged sources) share one build: the first
 * caller takes a lock folder, the others wait for its marker file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ClientMode = 'api' | 'demo';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(REPO, 'node_modules', '.cache', 'hourbook-e2e');
/** Everything the client bundle can depend on; tests are left out so editing them keeps the build. */
const INPUT_ROOTS = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
const DONE_MARKER = '.build-complete';
/** A lock older than this belongs to a crashed run and may be taken over. */
const STALE_LOCK_MS = 5 * 60_000;

function listInputs(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((entry) => listInputs(join(path, entry.name)))
    .filter((file) => !/\.(test|contract)\.tsx?$/.test(file));
}

/** A short hash of the client's inputs and the build mode, e.g. `api-3f9c0a1b2c3d`. */
export function hashClientInputs(mode: ClientMode): string {
  const hash = createHash('sha256').update(mode);
  const files = INPUT_ROOTS.flatMap((input) => listInputs(join(REPO, input))).sort();
  for (const file of files) hash.update(relative(REPO, file)).update('\0').update(readFileSync(file)).update('\0');
  return `${mode}-${hash.digest('hex').slice(0, 12)}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    const held = statSync(lock, { throwIfNoEntry: false });
    if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

async function runViteBuild(mode: ClientMode, outDir: string): Promise<void> {
  const { build } = await import('vite');
  // Vite reads VITE_* from process.env when it resolves the config (PRODUCT.md §3.3: explicit).
  const previous = process.env.VITE_USE_API;
  process.env.VITE_USE_API = mode === 'api' ? 'true' : 'false';
  try {
    await build({
      root: REPO,
      configFile: join(REPO, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, reportCompressedSize: false },
    });
  } finally {
    if (previous === undefined) delete process.env.VITE_USE_API;
    else process.env.VITE_USE_API = previous;
  }
}

let building: Promise<unknown> = Promise.resolve();

/** Builds the client once for `mode` and returns the folder holding its `index.html`. */
export async function buildClient(mode: ClientMode): Promise<string> {
  // Builds in one process run one at a time: each sets VITE_USE_API for its duration.
  const result = building.then(() => buildClientOnce(mode));
  building = result.catch(() => undefined);
  return result;
}

async function buildClientOnce(mode: ClientMode): Promise<string> {
  const outDir = join(CACHE, hashClientInputs(mode));
  const done = join(outDir, DONE_MARKER);
  const lock = `${outDir}.lock`;
  mkdirSync(CACHE, { recursive: true });
  for (;;) {
    if (existsSync(done)) return outDir;
    if (takeLock(lock)) break;
    await sleep(250);
  }
  try {
    if (existsSync(done)) return outDir;
    await runViteBuild(mode, outDir);
    writeFileSync(done, new Date().toISOString());
    pruneOtherBuilds(mode, outDir);
    return outDir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Keeps the cache to one finished build per mode. */
function pruneOtherBuilds(mode: ClientMode, keep: string): void {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    if (name.startsWith(`${mode}-`) && path !== keep && existsSync(join(path, DONE_MARKER))) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}
