/**
 * The keyboard map of PRODUCT.md §7 as a pure function from a key and the current mode to an
 * action. The window listener (use-shortcuts.ts) only filters events and dispatches.
 */
import type { Mode, View } from '../../lib/ui-state.js';

export type ShortcutAction =
  | { type: 'navigate'; direction: -1 | 1 }
  | { type: 'move-focus'; direction: -1 | 1 }
  | { type: 'open-focused' }
  | { type: 'toggle-view' }
  | { type: 'toggle-zone' }
  | { type: 'book-now' }
  | { type: 'select-user'; name: string }
  | { type: 'choose-duration'; hours: number }
  | { type: 'delete' }
  | { type: 'start-move' }
  | { type: 'shift-move'; days: number; hours: number }
  | { type: 'confirm-move' }
  | { type: 'close' };

export interface ShortcutContext {
  mode: Mode;
  view: View;
  bookNowVisible: boolean;
  /** Hotkey (lower-case letter) → user name, first six users only. */
  hotkeys: ReadonlyMap<string, string>;
  maxDuration: number;
}

/** The duration a digit key names, if it is within 1…maxDuration (digits stop at 9). */
function durationOfKey(key: string, maxDuration: number): number | undefined {
  if (!/^[1-9]$/.test(key)) return undefined;
  const hours = Number(key);
  return hours <= maxDuration ? hours : undefined;
}

function navigationAction(key: string, ctx: ShortcutContext): ShortcutAction | null {
  switch (key) {
    case 'arrowleft':
      return { type: 'navigate', direction: -1 };
    case 'arrowright':
      return { type: 'navigate', direction: 1 };
    case 'arrowup':
      return ctx.view === 'day' ? { type: 'move-focus', direction: -1 } : null;
    case 'arrowdown':
      return ctx.view === 'day' ? { type: 'move-focus', direction: 1 } : null;
    case 'enter':
      return ctx.view === 'day' ? { type: 'open-focused' } : null;
    case 'w':
      return { type: 'toggle-view' };
    case 't':
      return { type: 'toggle-zone' };
    case 'b':
      // Person keys are inert here, so Bonnie's `b` never clashes with Book Now (§7).
      return ctx.bookNowVisible ? { type: 'book-now' } : null;
    default:
      return null;
  }
}

function panelAction(key: string, ctx: ShortcutContext): ShortcutAction | null {
  const name = ctx.hotkeys.get(key);
  if (name !== undefined) return { type: 'select-user', name };
  if (key === 't') return { type: 'toggle-zone' };
  if (key === 'escape') return { type: 'close' };
  const hours = durationOfKey(key, ctx.maxDuration);
  return hours === undefined ? null : { type: 'choose-duration', hours };
}

function popupAction(key: string, ctx: ShortcutContext): ShortcutAction | null {
  if (key === 'd') return { type: 'delete' };
  if (key === 'escape' || key === 'enter') return { type: 'close' };
  const name = ctx.hotkeys.get(key);
  if (name !== undefined) return { type: 'select-user', name };
  // After the people: a roster may already give someone `m` (only `d` is reserved).
  if (key === 'm') return { type: 'start-move' };
  const hours = durationOfKey(key, ctx.maxDuration);
  return hours === undefined ? null : { type: 'choose-duration', hours };
}

/** Picking a booking's new slot (issue 9 §9): ↑↓ an hour, ←→ a day, Enter moves it, Esc cancels. */
function moveAction(key: string): ShortcutAction | null {
  switch (key) {
    case 'arrowup':
      return { type: 'shift-move', days: 0, hours: -1 };
    case 'arrowdown':
      return { type: 'shift-move', days: 0, hours: 1 };
    case 'arrowleft':
      return { type: 'shift-move', days: -1, hours: 0 };
    case 'arrowright':
      return { type: 'shift-move', days: 1, hours: 0 };
    case 'enter':
      return { type: 'confirm-move' };
    case 'escape':
      return { type: 'close' };
    case 't':
      return { type: 'toggle-zone' };
    default:
      return null;
  }
}

/** The action for `key` (a KeyboardEvent.key) in `ctx`, or null when the key does nothing there. */
export function resolveShortcut(key: string, ctx: ShortcutContext): ShortcutAction | null {
  const lower = key.toLowerCase();
  if (ctx.mode === 'move') return moveAction(lower);
  if (ctx.mode === 'popup') return popupAction(lower, ctx);
  if (ctx.mode === 'panel') return panelAction(lower, ctx);
  return navigationAction(lower, ctx);
}
