/**
 * The keyboard map (PRODUCT.md §7, issue 9 §9, §10, §12) as ONE table: each shortcut's keys, the
 * modes it works in, what it does and how the help describes it. The window listener
 * (use-shortcuts.ts) resolves keys through it and the help dialog lists it, so the two cannot drift.
 */
import type { Mode, View } from '../../lib/ui-state.js';
import type { GridMove } from './week-cell-focus.js';

export type ShortcutAction =
  | { type: 'navigate'; direction: -1 | 1 }
  | { type: 'move-focus'; direction: -1 | 1 }
  | { type: 'open-focused' }
  | { type: 'move-cell'; move: GridMove }
  | { type: 'open-cell' }
  | { type: 'toggle-view' }
  | { type: 'toggle-zone' }
  | { type: 'book-now' }
  | { type: 'select-user'; name: string }
  | { type: 'choose-duration'; hours: number }
  | { type: 'delete' }
  | { type: 'start-move' }
  | { type: 'shift-move'; days: number; hours: number }
  | { type: 'confirm-move' }
  | { type: 'close' }
  | { type: 'open-help' }
  | { type: 'close-help' }
  | { type: 'undo' };

/**
 * Where the keys go: the day view, the week view with focus outside or inside its grid, the
 * panel, the popup, picking a move target, or the shortcut help.
 */
export type ShortcutMode = 'day' | 'week' | 'week-grid' | 'panel' | 'popup' | 'move' | 'help';

export interface ShortcutContext {
  mode: Mode;
  view: View;
  bookNowVisible: boolean;
  /** Hotkey (lower-case letter) → user name, first six users only. */
  hotkeys: ReadonlyMap<string, string>;
  maxDuration: number;
  /** DOM focus is inside the week grid (its arrows then move over the cells). */
  inWeekGrid?: boolean;
  helpOpen?: boolean;
  /** A message offers Undo (issue 9 §8), which Ctrl+Z / Cmd+Z then takes. */
  undoOffered?: boolean;
}

export interface Shortcut {
  /**
   * Lower-cased `KeyboardEvent.key` values, `mod+z` for Ctrl+Z or Cmd+Z (see keyOfEvent); person
   * keys and digits depend on the instance.
   */
  keys: readonly string[] | ((ctx: ShortcutContext) => readonly string[]);
  modes: readonly ShortcutMode[];
  /** What the help says it does. */
  description: string;
  /** The action for one of `keys`, or null when it does nothing now (B while Book Now is hidden). */
  action(key: string, ctx: ShortcutContext): ShortcutAction | null;
}

/** Digits 1…maxDuration (digits stop at 9). */
function durationKeys(ctx: ShortcutContext): string[] {
  return Array.from({ length: Math.min(ctx.maxDuration, 9) }, (_, index) => String(index + 1));
}

const personKeys = (ctx: ShortcutContext) => [...ctx.hotkeys.keys()];
const personOf = (key: string, ctx: ShortcutContext): ShortcutAction | null => {
  const name = ctx.hotkeys.get(key);
  return name === undefined ? null : { type: 'select-user', name };
};
const constant = (action: ShortcutAction) => (): ShortcutAction => action;
const CALENDAR: readonly ShortcutMode[] = ['day', 'week', 'week-grid'];
const GRID_MOVES: Record<string, GridMove> = {
  arrowup: 'up',
  arrowdown: 'down',
  arrowleft: 'left',
  arrowright: 'right',
  home: 'week-start',
  end: 'week-end',
  pageup: 'previous-week',
  pagedown: 'next-week',
};

/**
 * Every shortcut, in precedence order: the first entry of the mode that answers a key wins. So in
 * the popup D, Esc and Enter come before person keys, and in the panel person keys before T (§7);
 * a roster may give someone `m`, which then selects that person rather than Move.
 */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['escape'], modes: ['help'], description: 'Close this help', action: constant({ type: 'close-help' }) },
  { keys: ['d'], modes: ['popup'], description: 'Delete the booking', action: constant({ type: 'delete' }) },
  { keys: ['escape'], modes: ['panel'], description: 'Cancel', action: constant({ type: 'close' }) },
  { keys: ['escape', 'enter'], modes: ['popup'], description: 'Close (Done)', action: constant({ type: 'close' }) },
  { keys: ['escape'], modes: ['move'], description: 'Cancel the move', action: constant({ type: 'close' }) },
  { keys: personKeys, modes: ['panel'], description: 'Choose the person', action: personOf },
  { keys: personKeys, modes: ['popup'], description: 'Give the booking to that person', action: personOf },
  { keys: ['m'], modes: ['popup'], description: 'Move the booking', action: constant({ type: 'start-move' }) },
  {
    keys: durationKeys,
    modes: ['panel'],
    description: 'Book for that many hours (once a person is chosen)',
    action: (key) => ({ type: 'choose-duration', hours: Number(key) }),
  },
  {
    keys: durationKeys,
    modes: ['popup'],
    description: 'Change the duration',
    action: (key) => ({ type: 'choose-duration', hours: Number(key) }),
  },
  {
    keys: ['arrowup', 'arrowdown'],
    modes: ['day'],
    description: 'Move focus over the free hours',
    action: (key) => ({ type: 'move-focus', direction: key === 'arrowup' ? -1 : 1 }),
  },
  {
    keys: ['enter'],
    modes: ['day'],
    description: 'Book the focused hour',
    action: constant({ type: 'open-focused' }),
  },
  {
    keys: ['arrowleft', 'arrowright'],
    modes: ['day'],
    description: 'Previous or next day',
    action: (key) => ({ type: 'navigate', direction: key === 'arrowleft' ? -1 : 1 }),
  },
  {
    keys: ['arrowleft', 'arrowright'],
    modes: ['week'],
    description: 'Previous or next week',
    action: (key) => ({ type: 'navigate', direction: key === 'arrowleft' ? -1 : 1 }),
  },
  {
    keys: ['arrowup', 'arrowdown', 'arrowleft', 'arrowright'],
    modes: ['week-grid'],
    description: 'Move over the hours and days',
    action: (key) => ({ type: 'move-cell', move: GRID_MOVES[key] as GridMove }),
  },
  {
    keys: ['home', 'end'],
    modes: ['week-grid'],
    description: 'Monday or Sunday',
    action: (key) => ({ type: 'move-cell', move: GRID_MOVES[key] as GridMove }),
  },
  {
    keys: ['pageup', 'pagedown'],
    modes: ['week-grid'],
    description: 'Previous or next week, same day and hour',
    action: (key) => ({ type: 'move-cell', move: GRID_MOVES[key] as GridMove }),
  },
  {
    keys: ['enter'],
    modes: ['week-grid'],
    description: 'Book the free hour, or edit the booking',
    action: constant({ type: 'open-cell' }),
  },
  {
    keys: ['arrowup', 'arrowdown'],
    modes: ['move'],
    description: 'An hour earlier or later',
    action: (key) => ({ type: 'shift-move', days: 0, hours: key === 'arrowup' ? -1 : 1 }),
  },
  {
    keys: ['arrowleft', 'arrowright'],
    modes: ['move'],
    description: 'A day earlier or later',
    action: (key) => ({ type: 'shift-move', days: key === 'arrowleft' ? -1 : 1, hours: 0 }),
  },
  { keys: ['enter'], modes: ['move'], description: 'Move it there', action: constant({ type: 'confirm-move' }) },
  { keys: ['w'], modes: CALENDAR, description: 'Day or week view', action: constant({ type: 'toggle-view' }) },
  {
    keys: ['t'],
    modes: [...CALENDAR, 'panel', 'move'],
    description: 'Switch the time zone shown',
    action: constant({ type: 'toggle-zone' }),
  },
  {
    keys: ['b'],
    modes: CALENDAR,
    // Person keys are inert here, so Bonnie's `b` never clashes with Book Now (§7).
    description: 'Book the current hour (while Book Now shows)',
    action: (_key, ctx) => (ctx.bookNowVisible ? { type: 'book-now' } : null),
  },
  {
    keys: ['mod+z'],
    modes: [...CALENDAR, 'panel', 'popup', 'move'],
    description: 'Undo the last change (while Undo shows)',
    action: (_key, ctx) => (ctx.undoOffered ? { type: 'undo' } : null),
  },
  {
    keys: ['?'],
    modes: [...CALENDAR, 'panel', 'popup', 'move'],
    description: 'Show these shortcuts',
    action: constant({ type: 'open-help' }),
  },
];

/**
 * The table's name for a key press: the lower-cased key, `mod+<key>` with Ctrl or Cmd alone
 * (Ctrl+Z → `mod+z`; with Shift it would be redo), or null for other chords, left to the browser.
 */
export function keyOfEvent(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): string | null {
  if (event.altKey) return null;
  const key = event.key.toLowerCase();
  if (!event.ctrlKey && !event.metaKey) return key;
  return event.shiftKey ? null : `mod+${key}`;
}

/** The mode `ctx` puts the keys in, e.g. 'week-grid' in the week view with focus on a cell. */
export function shortcutModeOf(ctx: ShortcutContext): ShortcutMode {
  if (ctx.helpOpen) return 'help';
  if (ctx.mode !== 'navigation') return ctx.mode;
  if (ctx.view === 'day') return 'day';
  return ctx.inWeekGrid ? 'week-grid' : 'week';
}

/** The keys of `shortcut` in `ctx`. */
export function keysOf(shortcut: Shortcut, ctx: ShortcutContext): readonly string[] {
  return typeof shortcut.keys === 'function' ? shortcut.keys(ctx) : shortcut.keys;
}

/** The action for `key` (a KeyboardEvent.key) in `ctx`, or null when the key does nothing there. */
export function resolveShortcut(key: string, ctx: ShortcutContext): ShortcutAction | null {
  // '?' and other symbols keep their case-free form; letters compare lower-cased (§7).
  const lower = key.toLowerCase();
  const mode = shortcutModeOf(ctx);
  for (const shortcut of SHORTCUTS) {
    if (!shortcut.modes.includes(mode) || !keysOf(shortcut, ctx).includes(lower)) continue;
    const action = shortcut.action(lower, ctx);
    if (action) return action;
  }
  return null;
}
