/**
 * Makes sure `build/` matches the sources before `npm start` or the `hourbook` command runs it
 * with plain node: when it is missing or stale (a fresh clone, a pull, an edit) it runs
 * scripts/build.mjs quietly; where the build tools are not installed (after
 * `npm prune --omit=dev`) it refuses with one line instead, so stale code never runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, staleReason } from './build-freshness.mjs';

/**
 * Builds when needed; on failure prints why (`Cannot <doing>: …`) and exits the process.
 * `log` takes the one progress line (stderr for the CLI, whose stdout may be data).
 */
export function ensureFreshBuild({ doing, log }) {
  const reason = staleReason();
  if (!reason) return;
  if (!existsSync(join(REPO, 'node_modules/vite')) || !existsSync(join(REPO, 'node_modules/esbuild'))) {
    console.error(`Cannot ${doing}: ${reason} and the build tools are not installed; run \`npm run build\` first.`);
    process.exit(1);
  }
  log(`Building first (${reason})...`);
  const build = spawnSync(process.execPath, [join(REPO, 'scripts/build.mjs'), '--quiet'], {
    cwd: REPO,
    // The build's own warnings go to stderr, never into the command's output.
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  if (build.status !== 0) {
    console.error(`Cannot ${doing}: the build failed (see above); fix it and try again.`);
    process.exit(build.status ?? 1);
  }
}
