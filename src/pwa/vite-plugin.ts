/**
 * The build step of the installable app (issue 9 §13), a Vite plugin so every client build
 * (npm run build, the e2e builds) makes it: the PNG icons the manifest lists, then, once every
 * other file is written, `/sw.js` with the list of shell files and their content hash baked in.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { drawAppIcon } from './app-icon.js';
import { APP_ICONS } from './app-icons.js';
import { encodePng } from './png.js';
import { shellVersionOf } from './shell-version.js';
import type { ShellFile } from './shell-version.js';

export const WORKER_FILE = 'sw.js';
const WORKER_SOURCE = fileURLToPath(new URL('./service-worker.ts', import.meta.url));

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

/**
 * Every built file but the worker itself, dot-files (a build marker) and the WOFF fallbacks of
 * the fonts: every browser with service workers takes WOFF2, so caching both would double them.
 */
function shellFilesIn(outDir: string): ShellFile[] {
  return filesUnder(outDir)
    .map((file) => ({ file, path: `/${relative(outDir, file).split(sep).join('/')}` }))
    .filter(({ path }) => path !== `/${WORKER_FILE}` && !path.endsWith('.woff'))
    .filter(({ path }) => !path.split('/').some((part) => part.startsWith('.')))
    .map(({ file, path }) => ({ path, content: readFileSync(file) }));
}

/** Writes `sw.js` into the built client at `outDir`, for the files it holds now. */
export async function writeShellWorker(outDir: string): Promise<void> {
  const files = shellFilesIn(outDir);
  const esbuild = await import('esbuild');
  const built = await esbuild.build({
    entryPoints: [WORKER_SOURCE],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
    define: {
      __SHELL_VERSION__: JSON.stringify(shellVersionOf(files)),
      __SHELL_FILES__: JSON.stringify(files.map((file) => file.path).sort()),
    },
    logLevel: 'warning',
  });
  writeFileSync(join(outDir, WORKER_FILE), built.outputFiles[0]!.contents);
}

export function installableApp(): Plugin {
  let outDir = 'dist';
  return {
    name: 'hourbook:installable-app',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    generateBundle() {
      for (const icon of APP_ICONS) {
        const pixels = drawAppIcon(icon.size, { maskable: icon.purpose === 'maskable' });
        this.emitFile({ type: 'asset', fileName: icon.file, source: encodePng(icon.size, icon.size, pixels) });
      }
    },
    async writeBundle() {
      await writeShellWorker(outDir);
    },
  };
}
