/**
 * What the shortcut help lists (issue 9 §12): the entries of SHORTCUTS for the mode the help was
 * opened from, grouped and with printable key names. Read from the table the handler uses.
 */
import { keysOf, SHORTCUTS, shortcutModeOf } from './shortcuts.js';
import type { ShortcutContext, ShortcutMode } from './shortcuts.js';

export interface HelpEntry {
  /** Printable keys, e.g. ['←', '→'] or ['1–8']. */
  keys: string[];
  description: string;
}

export interface HelpSection {
  title: string;
  entries: HelpEntry[];
}

const TITLES: Record<ShortcutMode, string> = {
  day: 'Day view',
  week: 'Week view',
  'week-grid': 'In the week grid (Tab into it)',
  panel: 'Booking panel',
  popup: 'Editing a booking',
  move: 'Moving a booking',
  help: 'This help',
};

const NAMES: Record<string, string> = {
  arrowup: '↑',
  arrowdown: '↓',
  arrowleft: '←',
  arrowright: '→',
  enter: 'Enter',
  escape: 'Esc',
  home: 'Home',
  end: 'End',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  'mod+z': 'Ctrl/Cmd+Z',
};

/** Printable names for `keys`: arrows as ←, letters upper-case, a run of digits as `1–8`. */
export function printableKeys(keys: readonly string[]): string[] {
  const digits = keys.every((key) => /^[1-9]$/.test(key));
  if (digits && keys.length > 2) return [`${keys[0]}–${keys[keys.length - 1]}`];
  return keys.map((key) => NAMES[key] ?? key.toUpperCase());
}

function sectionOf(mode: ShortcutMode, ctx: ShortcutContext, skip: readonly ShortcutMode[] = []): HelpSection {
  const entries = SHORTCUTS.filter(
    (shortcut) => shortcut.modes.includes(mode) && !skip.some((other) => shortcut.modes.includes(other)),
  )
    .map((shortcut) => ({ keys: printableKeys(keysOf(shortcut, ctx)), description: shortcut.description }))
    .filter((entry) => entry.keys.length > 0);
  return { title: TITLES[mode], entries };
}

/**
 * The sections for the mode of `ctx` (the help itself aside): one for the day view, the panel,
 * the popup or a move; the week view adds what its grid does when it has the focus.
 */
export function helpSections(ctx: ShortcutContext): HelpSection[] {
  const mode = shortcutModeOf({ ...ctx, helpOpen: false });
  if (mode === 'week' || mode === 'week-grid') {
    return [sectionOf('week', ctx), sectionOf('week-grid', ctx, ['week'])];
  }
  return [sectionOf(mode, ctx)];
}
