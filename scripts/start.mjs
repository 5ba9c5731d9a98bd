/**
 * `npm start` (`exec node scripts/start.mjs`): runs the compiled server (build/server/main.js)
 * with plain node in this very process; `exec` replaces npm's shell, so a SIGTERM/SIGINT sent to
 * npm is forwarded straight to the server. When the build is missing or older than its sources
 * (a fresh clone, a pull, an edit) it rebuilds first, quietly; where the build tools are not
 * installed (after `npm prune --omit=dev`) it refuses with one line instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, staleReason } from './build-freshness.mjs';

const reason = staleReason();
if (reason) {
  if (!existsSync(join(REPO, 'node_modules/vite')) || !existsSync(join(REPO, 'node_modules/esbuild'))) {
    console.error(`Cannot start: ${reason} and the build tools are not installed; run \`npm run build\` first.`);
    process.exit(1);
  }
  console.log(`Building first (${reason})...`);
  const build = spawnSync(process.execPath, [join(REPO, 'scripts/build.mjs'), '--quiet'], {
    cwd: REPO,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('Cannot start: the build failed (see above); fix it and run `npm start` again.');
    process.exit(build.status ?? 1);
  }
}

await import('../build/server/main.js');
