/** The installed app's icons: made at build time (vite plugin), listed by the manifest, precached by the worker. */
export interface AppIcon {
  /** Path under the site root, e.g. `icons/icon-192.png`. */
  file: string;
  size: number;
  /** `maskable`: full-bleed, for platforms that cut their own shape (W3C Manifest §purpose). */
  purpose: 'any' | 'maskable';
}

export const APP_ICONS: readonly AppIcon[] = [
  { file: 'icons/icon-192.png', size: 192, purpose: 'any' },
  { file: 'icons/icon-512.png', size: 512, purpose: 'any' },
  { file: 'icons/maskable-192.png', size: 192, purpose: 'maskable' },
  { file: 'icons/maskable-512.png', size: 512, purpose: 'maskable' },
];
