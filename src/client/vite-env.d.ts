/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "false" builds the browser-only demo; "true" or unset talks to the API (PRODUCT.md §3.3). */
  readonly VITE_USE_API?: 'true' | 'false';
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
