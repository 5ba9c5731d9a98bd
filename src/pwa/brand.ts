/**
 * The colours an installed Hourbook wears outside its page (manifest, theme-color, icons). They
 * are the design tokens of src/client/styles/tokens.css, which a unit test holds them to, since
 * the manifest and the icons are made where no stylesheet is read.
 */

/** `--bg-1`: the page background, also the title bar and splash screen of the installed app. */
export const BRAND_BACKGROUND = '#0a1628';
/** `--accent`: the icon's glyph. */
export const BRAND_ACCENT = '#00e5e5';
