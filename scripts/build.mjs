/**
 * `npm run build`: the web client with Vite into `dist/`, then the server and the CLI bundled by
 * esbuild into `build/server/`, so `node build/server/main.js` runs with no TypeScript tooling.
 * Why a bundle (not per-file tsc output): one file to load instead of a few hundred modules
 * starts faster and keeps less in memory; the storage backends stay separate chunks that load
 * only when selected, and better-sqlite3 stays external (a native module). `--quiet` keeps the
 * output to warnings (used by `npm start` when it rebuilds).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { BUILD_STAMP, lockfileHash, REPO as repo } from './build-freshness.mjs';

const quiet = process.argv.includes('--quiet');

const { build: buildClient } = await import('vite');
await buildClient({ root: repo, logLevel: quiet ? 'warn' : 'info' });

const esbuild = await import('esbuild');
rmSync(new URL('../build/server', import.meta.url), { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: repo,
  entryPoints: { main: 'src/server/main.ts', hourbook: 'src/cli/hourbook.ts' },
  outdir: 'build/server',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['better-sqlite3'],
  // Whitespace and syntax only: names stay, so a stack trace still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  // Bundled CommonJS packages (ioredis) call require(); ESM output has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// Written last: its time is the build's time (scripts/build-freshness.mjs).
writeFileSync(BUILD_STAMP, `${lockfileHash()}\n`);
if (!quiet) console.log('server: build/server/main.js (CLI: build/server/hourbook.js)');
