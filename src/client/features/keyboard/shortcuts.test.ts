import { describe, expect, it } from 'vitest';
import { keyOfEvent, keysOf, resolveShortcut, SHORTCUTS, shortcutModeOf } from './shortcuts.js';
import type { ShortcutContext, ShortcutMode } from './shortcuts.js';

const hotkeys = new Map([
  ['j', 'Jack'],
  ['b', 'Bonnie'],
  ['t', 'Tess'],
]);
const ctx = (overrides: Partial<ShortcutContext> = {}): ShortcutContext => ({
  mode: 'navigation',
  view: 'day',
  bookNowVisible: true,
  hotkeys,
  maxDuration: 8,
  ...overrides,
});

describe('resolveShortcut in NAVIGATION', () => {
  it('maps arrows, W, T and B (only while Book Now is visible)', () => {
    expect(resolveShortcut('ArrowLeft', ctx())).toEqual({ type: 'navigate', direction: -1 });
    expect(resolveShortcut('ArrowDown', ctx())).toEqual({ type: 'move-focus', direction: 1 });
    expect(resolveShortcut('W', ctx())).toEqual({ type: 'toggle-view' });
    expect(resolveShortcut('t', ctx())).toEqual({ type: 'toggle-zone' });
    expect(resolveShortcut('b', ctx())).toEqual({ type: 'book-now' });
    expect(resolveShortcut('b', ctx({ bookNowVisible: false }))).toBeNull();
  });

  it('leaves person keys and digits inert', () => {
    expect(resolveShortcut('j', ctx())).toBeNull();
    expect(resolveShortcut('2', ctx())).toBeNull();
  });

  it('ignores up, down and Enter in week view but moves weeks with the arrows', () => {
    const week = ctx({ view: 'week' });
    expect(resolveShortcut('ArrowUp', week)).toBeNull();
    expect(resolveShortcut('Enter', week)).toBeNull();
    expect(resolveShortcut('ArrowRight', week)).toEqual({ type: 'navigate', direction: 1 });
  });
});

describe('resolveShortcut in PANEL', () => {
  const panel = ctx({ mode: 'panel' });

  it('selects people by hotkey before T, and cancels with Escape', () => {
    expect(resolveShortcut('J', panel)).toEqual({ type: 'select-user', name: 'Jack' });
    expect(resolveShortcut('t', panel)).toEqual({ type: 'select-user', name: 'Tess' });
    expect(resolveShortcut('t', ctx({ mode: 'panel', hotkeys: new Map() }))).toEqual({ type: 'toggle-zone' });
    expect(resolveShortcut('Escape', panel)).toEqual({ type: 'close' });
  });

  it('accepts digits up to the maximum duration only', () => {
    expect(resolveShortcut('8', panel)).toEqual({ type: 'choose-duration', hours: 8 });
    expect(resolveShortcut('4', ctx({ mode: 'panel', maxDuration: 3 }))).toBeNull();
    expect(resolveShortcut('0', panel)).toBeNull();
  });

  it('blocks navigation, view toggle and Book Now', () => {
    expect(resolveShortcut('ArrowLeft', panel)).toBeNull();
    expect(resolveShortcut('w', panel)).toBeNull();
    // No person has the hotkey B here, so B must not fall through to Book Now.
    expect(resolveShortcut('b', ctx({ mode: 'panel', hotkeys: new Map() }))).toBeNull();
    expect(resolveShortcut('B', ctx({ mode: 'panel', hotkeys: new Map() }))).toBeNull();
  });
});

describe('resolveShortcut in POPUP', () => {
  const popup = ctx({ mode: 'popup' });

  it('deletes with D and closes with Escape or Enter', () => {
    expect(resolveShortcut('d', popup)).toEqual({ type: 'delete' });
    expect(resolveShortcut('Escape', popup)).toEqual({ type: 'close' });
    expect(resolveShortcut('Enter', popup)).toEqual({ type: 'close' });
  });

  it('reassigns by person key and changes duration by digit', () => {
    expect(resolveShortcut('b', popup)).toEqual({ type: 'select-user', name: 'Bonnie' });
    expect(resolveShortcut('3', popup)).toEqual({ type: 'choose-duration', hours: 3 });
  });

  it('traps W, B, arrows and T (unless T is someone’s hotkey)', () => {
    const trap = ctx({ mode: 'popup', hotkeys: new Map([['j', 'Jack']]) });
    for (const key of ['w', 'b', 't', 'ArrowLeft', 'ArrowDown']) expect(resolveShortcut(key, trap)).toBeNull();
  });
});

describe('resolveShortcut while MOVING a booking', () => {
  const moving = ctx({ mode: 'move' });

  it('steers the new slot with the arrows, moves it with Enter and cancels with Escape', () => {
    expect(resolveShortcut('ArrowUp', moving)).toEqual({ type: 'shift-move', days: 0, hours: -1 });
    expect(resolveShortcut('ArrowRight', moving)).toEqual({ type: 'shift-move', days: 1, hours: 0 });
    expect(resolveShortcut('Enter', moving)).toEqual({ type: 'confirm-move' });
    expect(resolveShortcut('Escape', moving)).toEqual({ type: 'close' });
  });

  it('leaves person keys, digits, D and W inert; M in the popup starts a move', () => {
    for (const key of ['j', '2', 'd', 'w', 'b']) expect(resolveShortcut(key, moving)).toBeNull();
    expect(resolveShortcut('M', ctx({ mode: 'popup' }))).toEqual({ type: 'start-move' });
    const mia = ctx({ mode: 'popup', hotkeys: new Map([['m', 'Mia']]) });
    expect(resolveShortcut('m', mia)).toEqual({ type: 'select-user', name: 'Mia' });
  });
});

describe('resolveShortcut in the WEEK GRID', () => {
  const grid = ctx({ view: 'week', inWeekGrid: true });

  it('moves over the cells with arrows, Home, End, PageUp and PageDown', () => {
    expect(resolveShortcut('ArrowUp', grid)).toEqual({ type: 'move-cell', move: 'up' });
    expect(resolveShortcut('ArrowLeft', grid)).toEqual({ type: 'move-cell', move: 'left' });
    expect(resolveShortcut('Home', grid)).toEqual({ type: 'move-cell', move: 'week-start' });
    expect(resolveShortcut('End', grid)).toEqual({ type: 'move-cell', move: 'week-end' });
    expect(resolveShortcut('PageDown', grid)).toEqual({ type: 'move-cell', move: 'next-week' });
    expect(resolveShortcut('PageUp', grid)).toEqual({ type: 'move-cell', move: 'previous-week' });
  });

  it('opens the focused cell with Enter and keeps W, T and B', () => {
    expect(resolveShortcut('Enter', grid)).toEqual({ type: 'open-cell' });
    expect(resolveShortcut('w', grid)).toEqual({ type: 'toggle-view' });
    expect(resolveShortcut('t', grid)).toEqual({ type: 'toggle-zone' });
    expect(resolveShortcut('b', grid)).toEqual({ type: 'book-now' });
  });

  it('leaves Home, End and the page keys to the browser outside the grid', () => {
    for (const key of ['Home', 'End', 'PageDown']) expect(resolveShortcut(key, ctx({ view: 'week' }))).toBeNull();
    expect(resolveShortcut('PageDown', ctx())).toBeNull();
  });
});

describe('resolveShortcut for the HELP', () => {
  it('opens the help with ? in every mode', () => {
    for (const mode of ['navigation', 'panel', 'popup', 'move'] as const) {
      expect(resolveShortcut('?', ctx({ mode }))).toEqual({ type: 'open-help' });
    }
    expect(resolveShortcut('?', ctx({ view: 'week', inWeekGrid: true }))).toEqual({ type: 'open-help' });
  });

  it('closes it with Escape and leaves every other shortcut inert while it is open', () => {
    const help = ctx({ mode: 'panel', helpOpen: true });
    expect(resolveShortcut('Escape', help)).toEqual({ type: 'close-help' });
    for (const key of ['j', '2', 'w', 'b', 'ArrowLeft', 'Enter', '?']) expect(resolveShortcut(key, help)).toBeNull();
  });
});

describe('keyOfEvent', () => {
  const press = (key: string, held: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
    keyOfEvent({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...held });

  it('names a plain key lower-cased, Shift included (? and capitals)', () => {
    expect(press('W')).toBe('w');
    expect(press('?', { shiftKey: true })).toBe('?');
    expect(press('PageDown')).toBe('pagedown');
  });

  it('names Ctrl+Z and Cmd+Z alike and leaves redo and Alt chords to the browser', () => {
    expect(press('z', { ctrlKey: true })).toBe('mod+z');
    expect(press('Z', { metaKey: true })).toBe('mod+z');
    expect(press('z', { ctrlKey: true, shiftKey: true })).toBeNull();
    expect(press('z', { altKey: true })).toBeNull();
  });
});

describe('resolveShortcut for UNDO', () => {
  it('takes Ctrl/Cmd+Z in every mode but the help, only while an Undo offer shows', () => {
    for (const mode of ['navigation', 'panel', 'popup', 'move'] as const) {
      expect(resolveShortcut('mod+z', ctx({ mode, undoOffered: true }))).toEqual({ type: 'undo' });
      expect(resolveShortcut('mod+z', ctx({ mode }))).toBeNull();
    }
    expect(resolveShortcut('mod+z', ctx({ helpOpen: true, undoOffered: true }))).toBeNull();
  });

  it('never runs a plain shortcut for its Ctrl chord', () => {
    expect(resolveShortcut('mod+w', ctx())).toBeNull();
  });
});

describe('SHORTCUTS', () => {
  const modes: ShortcutMode[] = ['day', 'week', 'week-grid', 'panel', 'popup', 'move', 'help'];
  const contextOf = (mode: ShortcutMode): ShortcutContext => {
    if (mode === 'help') return ctx({ helpOpen: true });
    if (mode === 'day' || mode === 'week' || mode === 'week-grid') {
      return ctx({ view: mode === 'day' ? 'day' : 'week', inWeekGrid: mode === 'week-grid' });
    }
    return ctx({ mode });
  };

  it('names the mode of each context', () => {
    for (const mode of modes) expect(shortcutModeOf(contextOf(mode))).toBe(mode);
  });

  it('gives every entry keys and a description', () => {
    for (const shortcut of SHORTCUTS) {
      expect(shortcut.description.length).toBeGreaterThan(3);
      expect(keysOf(shortcut, ctx()).length).toBeGreaterThan(0);
    }
  });

  // The help lists the table; the handler must do for each listed key what its entry says.
  it('resolves each listed key of a mode to its own entry, save the documented precedence', () => {
    const roster = new Map([['j', 'Jack']]);
    for (const mode of modes) {
      const context = { ...contextOf(mode), hotkeys: roster };
      for (const shortcut of SHORTCUTS.filter((entry) => entry.modes.includes(mode))) {
        for (const key of keysOf(shortcut, context)) {
          expect(resolveShortcut(key, context), `${mode} ${key}`).toEqual(shortcut.action(key, context));
        }
      }
    }
  });
});
