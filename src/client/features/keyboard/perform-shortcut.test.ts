import { describe, expect, it } from 'vitest';
import type { DateKey } from '../../../core/time.js';
import type { UiEvent } from '../../lib/ui-state.js';
import { performShortcut } from './perform-shortcut.js';
import type { ShortcutTargets } from './perform-shortcut.js';

const dateKey = '2026-11-24' as DateKey;

function harness(overrides: Partial<ShortcutTargets> = {}) {
  const calls: unknown[] = [];
  const targets: ShortcutTargets = {
    mode: 'navigation',
    currentDate: dateKey,
    focusCandidates: [10, 11, 14],
    focusedHour: null,
    weekCell: { dateKey, hour: 10 },
    gridHours: { openHour: 6, closeHour: 22 },
    openCell: (cell) => (calls.push({ openCell: cell }), cell.hour !== 6),
    help: { open: () => void calls.push('open-help'), close: () => void calls.push('close-help') },
    undo: () => (calls.push('undo'), true),
    dispatch: (event: UiEvent) => calls.push(event),
    restoreFocus: (keys) => calls.push({ restoreFocus: keys }),
    openSlot: (date, hour) => calls.push({ openSlot: [date, hour] }),
    close: (event) => calls.push({ close: event.type }),
    toggleZone: () => calls.push('toggle-zone'),
    bookNow: () => calls.push('book-now'),
    commands: {
      create: (hours) => (calls.push({ create: hours }), true),
      reassign: (name) => (calls.push({ reassign: name }), true),
      resize: (hours) => (calls.push({ resize: hours }), false),
      remove: () => void calls.push('remove'),
    },
    move: {
      start: () => (calls.push('start-move'), true),
      shift: (days, hours) => (calls.push({ shift: [days, hours] }), true),
      confirm: () => (calls.push('confirm-move'), false),
      cancel: () => void calls.push('cancel-move'),
    },
    ...overrides,
  };
  return { run: (action: Parameters<typeof performShortcut>[0]) => performShortcut(action, targets), calls };
}

describe('performShortcut', () => {
  it('moves row focus to the next free hour and focuses its row', () => {
    const { run, calls } = harness({ focusedHour: 11 });
    expect(run({ type: 'move-focus', direction: 1 })).toBe(true);
    expect(calls).toEqual([{ restoreFocus: [`slot-${dateKey}-14`] }, { type: 'focus-hour', hour: 14 }]);
  });

  it('leaves arrows and Enter to the browser when there is nothing to focus or open', () => {
    const { run, calls } = harness({ focusCandidates: [] });
    expect(run({ type: 'move-focus', direction: 1 })).toBe(false);
    expect(run({ type: 'open-focused' })).toBe(false);
    expect(calls).toEqual([]);
  });

  it('moves the week grid’s focus to the next cell and focuses it, even at an edge', () => {
    const { run, calls } = harness({ weekCell: { dateKey, hour: 21 } });
    expect(run({ type: 'move-cell', move: 'right' })).toBe(true);
    expect(run({ type: 'move-cell', move: 'down' })).toBe(true);
    expect(calls).toEqual([
      { restoreFocus: ['slot-2026-11-25-21'] },
      { type: 'focus-cell', cell: { dateKey: '2026-11-25', hour: 21 } },
      { restoreFocus: [`slot-${dateKey}-21`] },
      { type: 'focus-cell', cell: { dateKey, hour: 21 } },
    ]);
  });

  it('opens the focused week cell, leaving Enter alone when the cell refuses', () => {
    expect(harness().run({ type: 'open-cell' })).toBe(true);
    const refused = harness({ weekCell: { dateKey, hour: 6 } });
    expect(refused.run({ type: 'open-cell' })).toBe(false);
    expect(refused.calls).toEqual([{ openCell: { dateKey, hour: 6 } }]);
  });

  it('opens and closes the shortcut help', () => {
    const { run, calls } = harness();
    run({ type: 'open-help' });
    run({ type: 'close-help' });
    expect(calls).toEqual(['open-help', 'close-help']);
  });

  it('undoes through the offer, leaving the key to the browser when none is shown', () => {
    expect(harness().run({ type: 'undo' })).toBe(true);
    expect(harness({ undo: () => false }).run({ type: 'undo' })).toBe(false);
  });

  it('selects a user in the panel but reassigns the booking in the popup', () => {
    const panel = harness({ mode: 'panel' });
    panel.run({ type: 'select-user', name: 'Rue' });
    expect(panel.calls).toEqual([{ type: 'select-user', name: 'Rue' }]);
    const popup = harness({ mode: 'popup' });
    popup.run({ type: 'select-user', name: 'Rue' });
    expect(popup.calls).toEqual([{ reassign: 'Rue' }]);
  });

  it('creates from the panel and resizes from the popup, passing on whether it applied', () => {
    expect(harness({ mode: 'panel' }).run({ type: 'choose-duration', hours: 2 })).toBe(true);
    const popup = harness({ mode: 'popup' });
    expect(popup.run({ type: 'choose-duration', hours: 2 })).toBe(false);
    expect(popup.calls).toEqual([{ resize: 2 }]);
  });

  it('closes whichever dialog is open and runs the global commands', () => {
    const { run, calls } = harness({ mode: 'popup', focusedHour: 10 });
    run({ type: 'close' });
    run({ type: 'delete' });
    run({ type: 'toggle-zone' });
    run({ type: 'book-now' });
    run({ type: 'open-focused' });
    run({ type: 'navigate', direction: -1 });
    expect(calls).toEqual([
      { close: 'close-popup' },
      'remove',
      'toggle-zone',
      'book-now',
      { openSlot: [dateKey, 10] },
      { type: 'navigate', direction: -1 },
    ]);
  });

  it('starts, steers, confirms and cancels a move, passing on whether it applied', () => {
    const popup = harness({ mode: 'popup' });
    expect(popup.run({ type: 'start-move' })).toBe(true);
    const moving = harness({ mode: 'move' });
    moving.run({ type: 'shift-move', days: 1, hours: 0 });
    expect(moving.run({ type: 'confirm-move' })).toBe(false);
    moving.run({ type: 'close' });
    expect([...popup.calls, ...moving.calls]).toEqual(['start-move', { shift: [1, 0] }, 'confirm-move', 'cancel-move']);
  });
});
