/** Build-time mode (PRODUCT.md §3.3): API unless built with VITE_USE_API=false (vite.config.ts rejects other values). */
export const USE_API = import.meta.env.VITE_USE_API !== 'false';
