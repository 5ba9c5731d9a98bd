/**
 * What a shortcut does (PRODUCT.md §7): the action `resolveShortcut` picked, carried out on the
 * calendar's state and commands. app.tsx hands in the targets; this file owns the dispatch.
 */
import type { DateKey } from '../../../core/time.js';
import { slotFocusKey } from '../../lib/focus-key.js';
import type { Mode, UiEvent } from '../../lib/ui-state.js';
import { nextFocus } from './row-focus.js';
import type { ShortcutAction } from './shortcuts.js';
import { nextWeekCell } from './week-cell-focus.js';
import type { WeekCell } from './week-cell-focus.js';

export interface ShortcutTargets {
  mode: Mode;
  currentDate: DateKey;
  /** Hours the day view can focus (§6.11), in order, and the focused one. */
  focusCandidates: readonly number[];
  focusedHour: number | null;
  /** The week grid's focused (roving) cell and the hours its rows span (issue 9 §10). */
  weekCell: WeekCell;
  gridHours: { openHour: number; closeHour: number };
  /** Opens the panel on a free cell or the popup on a booking's; false when the rules refuse. */
  openCell: (cell: WeekCell) => boolean;
  help: { open(): void; close(): void };
  /** Runs the newest Undo offer (issue 9 §8); false when none is shown. */
  undo: () => boolean;
  dispatch: (event: UiEvent) => void;
  /** Moves DOM focus to the first of `keys` once it renders. */
  restoreFocus: (keys: string[]) => void;
  openSlot: (dateKey: DateKey, hour: number) => void;
  /** Closes the panel or popup, focus back where it came from. */
  close: (event: { type: 'close-panel' } | { type: 'close-popup' }) => void;
  toggleZone: () => void;
  bookNow: () => void;
  commands: {
    create(hours: number): boolean;
    reassign(name: string): boolean;
    resize(hours: number): boolean;
    remove(): void;
  };
  /** Moving a booking (issue 9 §9); each returns false when it cannot apply. */
  move: {
    start(): boolean;
    shift(days: number, hours: number): boolean;
    confirm(): boolean;
    cancel(): void;
  };
}

/** Carries out `action`; false when it does not apply, so the key is left to the browser. */
export function performShortcut(action: ShortcutAction, targets: ShortcutTargets): boolean {
  const { mode, dispatch, commands } = targets;
  switch (action.type) {
    case 'navigate':
      dispatch({ type: 'navigate', direction: action.direction });
      return true;
    case 'move-focus': {
      const hour = nextFocus(targets.focusCandidates, targets.focusedHour, action.direction);
      if (hour === null) return false;
      targets.restoreFocus([slotFocusKey(targets.currentDate, hour)]);
      dispatch({ type: 'focus-hour', hour });
      return true;
    }
    case 'open-focused':
      if (targets.focusedHour === null) return false;
      targets.openSlot(targets.currentDate, targets.focusedHour);
      return true;
    case 'move-cell': {
      const cell = nextWeekCell(targets.weekCell, action.move, targets.gridHours);
      targets.restoreFocus([slotFocusKey(cell.dateKey, cell.hour)]);
      dispatch({ type: 'focus-cell', cell });
      // Handled at an edge too: the arrow must not scroll the page instead.
      return true;
    }
    case 'open-cell':
      return targets.openCell(targets.weekCell);
    case 'open-help':
      targets.help.open();
      return true;
    case 'close-help':
      targets.help.close();
      return true;
    case 'undo':
      return targets.undo();
    case 'toggle-view':
      dispatch({ type: 'toggle-view' });
      return true;
    case 'toggle-zone':
      targets.toggleZone();
      return true;
    case 'book-now':
      targets.bookNow();
      return true;
    case 'select-user':
      if (mode === 'popup') return commands.reassign(action.name);
      dispatch({ type: 'select-user', name: action.name });
      return true;
    case 'choose-duration':
      return mode === 'popup' ? commands.resize(action.hours) : commands.create(action.hours);
    case 'delete':
      commands.remove();
      return true;
    case 'start-move':
      return targets.move.start();
    case 'shift-move':
      return targets.move.shift(action.days, action.hours);
    case 'confirm-move':
      return targets.move.confirm();
    case 'close':
      if (mode === 'move') targets.move.cancel();
      else targets.close(mode === 'popup' ? { type: 'close-popup' } : { type: 'close-panel' });
      return true;
  }
}
