import { describe, expect, it } from 'vitest';
import { resolveShortcut } from './shortcuts.js';
import type { ShortcutContext } from './shortcuts.js';

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
