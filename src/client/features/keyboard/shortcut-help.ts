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
  // A key goes to the first entry that lists it (the table's precedence), so a later entry
  // shows only what it still gets: T toggles no zone in the panel when T is someone's key.
  const claimed = new Set<string>();
  const entries: HelpEntry[] = [];
  for (const shortcut of SHORTCUTS.filter((entry) => entry.modes.includes(mode))) {
    const keys = keysOf(shortcut, ctx).filter((key) => !claimed.has(key));
    keys.forEach((key) => claimed.add(key));
    if (keys.length === 0 || skip.some((other) => shortcut.modes.includes(other))) continue;
    entries.push({ keys: printableKeys(keys), description: shortcut.description });
  }
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
