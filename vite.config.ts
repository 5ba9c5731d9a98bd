/**
 * Vite build of the web client (issue 4). `VITE_USE_API` picks API mode ("true" or unset) or the
 * browser-only demo ("false"); any other value fails the build (PRODUCT.md §3.3).
 */
import preact from '@preact/preset-vite';
import { defineConfig, loadEnv } from 'vite';
import { installableApp } from './src/pwa/vite-plugin.js';

const API_TARGET = process.env.HOURBOOK_API_URL ?? 'http://localhost:3000';

/** Throws when `VITE_USE_API` is set to anything but "true" or "false". */
function checkUseApi(value: string | undefined): void {
  if (value === undefined || value === 'true' || value === 'false') return;
  throw new Error(`VITE_USE_API must be "true" or "false" (or unset for API mode), got "${value}"`);
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  checkUseApi(process.env.VITE_USE_API ?? env.VITE_USE_API);
  const proxy = { '/api': { target: API_TARGET, changeOrigin: false } };
  return {
    plugins: [preact(), installableApp()],
    build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: true },
    server: { proxy },
    preview: { proxy },
  };
});
