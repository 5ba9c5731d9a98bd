import { describe, expect, it } from 'vitest';
import { helpSections, printableKeys } from './shortcut-help.js';
import type { ShortcutContext } from './shortcuts.js';

const ctx = (overrides: Partial<ShortcutContext> = {}): ShortcutContext => ({
  mode: 'navigation',
  view: 'day',
  bookNowVisible: true,
  hotkeys: new Map([
    ['j', 'Jack'],
    ['b', 'Bonnie'],
  ]),
  maxDuration: 8,
  ...overrides,
});
const described = (context: ShortcutContext) =>
  helpSections(context).flatMap((section) =>
    section.entries.map((entry) => `${entry.keys.join(' ')}: ${entry.description}`),
  );

describe('printableKeys', () => {
  it('names arrows and Escape, upper-cases letters and folds a run of digits', () => {
    expect(printableKeys(['arrowleft', 'arrowright'])).toEqual(['←', '→']);
    expect(printableKeys(['escape', 'w', '?'])).toEqual(['Esc', 'W', '?']);
    expect(printableKeys(['1', '2', '3', '4'])).toEqual(['1–4']);
  });
});

describe('helpSections', () => {
  it('lists the day view’s keys, and not the panel’s', () => {
    const sut = described(ctx());
    expect(sut).toContain('← →: Previous or next day');
    expect(sut).toContain('↑ ↓: Move focus over the free hours');
    expect(sut).toContain('W: Day or week view');
    expect(sut).toContain('?: Show these shortcuts');
    expect(sut).toContain('Ctrl/Cmd+Z: Undo the last change (while Undo shows)');
    expect(sut.some((line) => line.startsWith('1–8'))).toBe(false);
  });

  it('lists the week view and, apart, what its grid does with the focus', () => {
    const sut = helpSections(ctx({ view: 'week' }));
    expect(sut.map((section) => section.title)).toEqual(['Week view', 'In the week grid (Tab into it)']);
    const grid = sut[1]?.entries.map((entry) => entry.keys.join(' '));
    expect(grid).toEqual(['↑ ↓ ← →', 'Home End', 'PgUp PgDn', 'Enter']);
    expect(described(ctx({ view: 'week' }))).toContain('← →: Previous or next week');
  });

  it('lists the people and the durations of this instance in the panel', () => {
    const sut = described(ctx({ mode: 'panel', maxDuration: 4 }));
    expect(sut).toContain('J B: Choose the person');
    expect(sut).toContain('1–4: Book for that many hours (once a person is chosen)');
    expect(sut).toContain('Esc: Cancel');
    expect(sut.some((line) => line.startsWith('W:'))).toBe(false);
  });

  it('lists Delete and Move in the popup, and the arrows while moving', () => {
    expect(described(ctx({ mode: 'popup' }))).toEqual(
      expect.arrayContaining(['D: Delete the booking', 'M: Move the booking', 'Esc Enter: Close (Done)']),
    );
    expect(described(ctx({ mode: 'move' }))).toEqual(
      expect.arrayContaining(['↑ ↓: An hour earlier or later', 'Enter: Move it there']),
    );
  });

  it('leaves out what a person’s key takes over, as the handler does', () => {
    const roster = new Map([
      ['t', 'Tess'],
      ['m', 'Mia'],
    ]);
    expect(described(ctx({ mode: 'panel', hotkeys: roster }))).not.toContain('T: Switch the time zone shown');
    expect(described(ctx({ mode: 'panel' }))).toContain('T: Switch the time zone shown');
    expect(described(ctx({ mode: 'popup', hotkeys: roster })).some((line) => line.includes('Move the booking'))).toBe(
      false,
    );
  });

  it('shows the mode the help was opened from, not the help’s own', () => {
    expect(helpSections(ctx({ mode: 'popup', helpOpen: true }))[0]?.title).toBe('Editing a booking');
  });
});
