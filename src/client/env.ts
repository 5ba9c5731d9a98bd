/** Build-time mode (PRODUCT.md §3.3): API unless built with VITE_USE_API=false (vite.config.ts rejects other values). */
export const USE_API = import.meta.env.VITE_USE_API !== 'false';
/**
 * Whether this is a built client (`vite build`, mode `production`), which has a shell for the
 * service worker to cache; Vite's dev server runs in mode `development`. Not `import.meta.env.PROD`:
 * that follows NODE_ENV, which the test runner sets to `test` around its own builds.
 */
export const BUILT_CLIENT = import.meta.env.MODE === 'production';
