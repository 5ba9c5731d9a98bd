/**
 * The web app manifest of one instance (W3C Web Application Manifest): its title as the app's
 * name, its own page path as start URL and scope, so each instance installs as an app of its own.
 */
import { APP_ICONS } from './app-icons.js';
import { BRAND_BACKGROUND } from './brand.js';

/** Home-screen labels are cut beyond about 12 characters (Chromium's guidance for `short_name`). */
const SHORT_NAME_MAX = 12;
/** The name of an instance whose title is not public (it asks for an access code). */
export const GENERIC_APP_NAME = 'Hourbook';

export interface ManifestInput {
  /** The instance's title, e.g. `CPS Software Booking`. */
  title: string;
  /** The instance's page path with its trailing slash: `/` or `/i/team-a/`. */
  scope: string;
}

/** The shortest leading words of `title` that fit, else its first characters. */
export function shortNameOf(title: string): string {
  if (title.length <= SHORT_NAME_MAX) return title;
  let short = '';
  for (const word of title.split(/\s+/)) {
    const next = short ? `${short} ${word}` : word;
    if (next.length > SHORT_NAME_MAX) break;
    short = next;
  }
  return short || title.slice(0, SHORT_NAME_MAX);
}

export function webManifestOf({ title, scope }: ManifestInput) {
  return {
    id: scope,
    name: title,
    short_name: shortNameOf(title),
    description: 'Book the shared resource by the hour',
    start_url: scope,
    scope,
    display: 'standalone',
    theme_color: BRAND_BACKGROUND,
    background_color: BRAND_BACKGROUND,
    icons: APP_ICONS.map((icon) => ({
      src: `/${icon.file}`,
      sizes: `${icon.size}x${icon.size}`,
      type: 'image/png',
      purpose: icon.purpose,
    })),
  };
}
