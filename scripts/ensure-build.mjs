/**
 * `prestart`: builds the web client once when `dist/index.html` is missing (a fresh clone), so
 * `npm start` serves the page and not only the API. An existing build is left alone; run
 * `npm run build` after changing the client.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const builtPage = fileURLToPath(new URL('../dist/index.html', import.meta.url));

if (!existsSync(builtPage)) {
  const { scripts = {} } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  if (!scripts.build) {
    console.warn('ensure-build: no "build" script yet; starting with the API only.');
  } else {
    console.log('ensure-build: dist/index.html is missing, running `npm run build` once...');
    // npm_execpath is npm's own CLI when run from a script, so this works without npm on PATH.
    const npmCli = process.env.npm_execpath;
    const result = npmCli
      ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: repo, stdio: 'inherit' })
      : spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit', shell: process.platform === 'win32' });
    if (result.status !== 0) {
      console.error('ensure-build: the client build failed; fix it or run `npm run build` and start again.');
      process.exit(result.status ?? 1);
    }
  }
}
