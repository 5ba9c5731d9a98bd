import { describe, expect, it } from 'vitest';
import type { DateKey } from '../../core/time.js';
import { initialUiState, modeOf, reduceUi } from './ui-state.js';

const date = (value: string) => value as DateKey;
const start = () => initialUiState(date('2026-11-24'), false);

describe('reduceUi', () => {
  it('starts in navigation mode on today’s day view', () => {
    const sut = start();
    expect(modeOf(sut)).toBe('navigation');
    expect(sut.view).toBe('day');
  });

  it('enters panel mode on a slot and clears the person when retargeted', () => {
    const panel = reduceUi(reduceUi(start(), { type: 'open-panel', slot: { dateKey: date('2026-11-24'), hour: 10 } }), {
      type: 'select-user',
      name: 'Jack',
    });
    expect(modeOf(panel)).toBe('panel');
    expect(panel.selectedUser).toBe('Jack');
    const retargeted = reduceUi(panel, { type: 'open-panel', slot: { dateKey: date('2026-11-24'), hour: 14 } });
    expect(retargeted.selectedUser).toBeNull();
    expect(retargeted.selectedSlot?.hour).toBe(14);
  });

  it('closes the panel when the popup opens, so only one mode is active', () => {
    const panel = reduceUi(start(), { type: 'open-panel', slot: { dateKey: date('2026-11-24'), hour: 10 } });
    const sut = reduceUi(panel, { type: 'open-popup', booking: { dateKey: date('2026-11-24'), hour: 11 } });
    expect(modeOf(sut)).toBe('popup');
    expect(sut.selectedSlot).toBeNull();
    expect(modeOf(reduceUi(sut, { type: 'close-popup' }))).toBe('navigation');
  });

  it('moves a day in day view and a week in week view, across month ends', () => {
    expect(reduceUi(start(), { type: 'navigate', direction: 1 }).currentDate).toBe('2026-11-25');
    const week = reduceUi(initialUiState(date('2026-02-22'), false), { type: 'toggle-view' });
    expect(reduceUi(week, { type: 'navigate', direction: 1 }).currentDate).toBe('2026-03-01');
  });

  it('clears the panel and keyboard focus on navigation and view toggle', () => {
    const focused = reduceUi(reduceUi(start(), { type: 'focus-hour', hour: 12 }), {
      type: 'open-panel',
      slot: { dateKey: date('2026-11-24'), hour: 10 },
    });
    for (const event of [{ type: 'navigate', direction: -1 }, { type: 'toggle-view' }] as const) {
      const sut = reduceUi(focused, event);
      expect(modeOf(sut)).toBe('navigation');
      expect(sut.focusedHour).toBeNull();
    }
  });

  it('focuses a week cell by viewing its date at its hour, in the week view', () => {
    const week = reduceUi(start(), { type: 'toggle-view' });
    const sut = reduceUi(week, { type: 'focus-cell', cell: { dateKey: date('2026-11-27'), hour: 15 } });
    expect(sut).toMatchObject({ view: 'week', currentDate: '2026-11-27', focusedHour: 15 });
    expect(modeOf(sut)).toBe('navigation');
  });

  it('opens a week-view slot in that date’s day view', () => {
    const week = reduceUi(start(), { type: 'toggle-view' });
    const sut = reduceUi(week, { type: 'open-panel', slot: { dateKey: date('2026-11-27'), hour: 9 } });
    expect(sut).toMatchObject({ view: 'day', currentDate: '2026-11-27', selectedSlot: { hour: 9 } });
  });

  it('keeps the panel open when the time zone display toggles', () => {
    const panel = reduceUi(start(), { type: 'open-panel', slot: { dateKey: date('2026-11-24'), hour: 10 } });
    const sut = reduceUi(panel, { type: 'toggle-zone' });
    expect(sut.useSecondaryZone).toBe(true);
    expect(modeOf(sut)).toBe('panel');
  });

  it('enters move mode in the booking’s day view, follows the picked slot across dates, and leaves it', () => {
    const from = { dateKey: date('2026-11-24'), hour: 10 };
    const popup = reduceUi({ ...start(), view: 'week' }, { type: 'open-popup', booking: from });
    const moving = reduceUi(popup, { type: 'start-move', booking: from });
    expect(modeOf(moving)).toBe('move');
    expect(moving).toMatchObject({ view: 'day', selectedBooking: null, moving: { from, to: from } });
    const picked = reduceUi(moving, { type: 'move-to', slot: { dateKey: date('2026-11-25'), hour: 13 } });
    expect(picked).toMatchObject({ currentDate: '2026-11-25', moving: { from, to: { hour: 13 } } });
    expect(modeOf(reduceUi(picked, { type: 'end-move' }))).toBe('navigation');
    expect(reduceUi(start(), { type: 'move-to', slot: from }).moving).toBeNull();
  });
});
