import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../core/rules.js';
import { instantOfWallClock } from '../../../core/time.js';
import type { DateKey } from '../../../core/time.js';
import type { WriteChange } from '../../lib/write-op.js';
import { bookingCommands } from './booking-commands.js';
import type { BookingCommandsInput, CloseEvent } from './booking-commands.js';

const dateKey = '2026-11-24' as DateKey;
const NOW = instantOfWallClock(dateKey, 10, 'Australia/Brisbane') + 20 * 60_000; // 10:20

function harness(overrides: Partial<BookingCommandsInput> = {}) {
  const submitted: WriteChange[] = [];
  const shown: string[] = [];
  const closed: [CloseEvent, string[] | undefined][] = [];
  const sut = bookingCommands({
    ui: { selectedSlot: null, selectedUser: null, selectedBooking: null },
    blob: { [dateKey]: { '12:00': { user: 'Rue', duration: 2 }, '15:00': { user: 'Joel', duration: 1 } } },
    rules: DEFAULT_RULES,
    clock: () => NOW,
    submit: (change) => submitted.push(change),
    show: (text) => shown.push(typeof text === 'string' ? text : text(() => 60)),
    close: (event, keys) => closed.push([event, keys]),
    ...overrides,
  });
  return { sut, submitted, shown, closed };
}

const panelAt = (hour: number) => ({
  ui: { selectedSlot: { dateKey, hour }, selectedUser: 'Jack', selectedBooking: null },
});
const popupAt = (hour: number) => ({
  ui: { selectedSlot: null, selectedUser: null, selectedBooking: { dateKey, hour } },
});

describe('bookingCommands', () => {
  it('books the selected slot for the selected user and returns focus to the new block', () => {
    const { sut, submitted, closed } = harness(panelAt(10));
    expect(sut.create(2)).toBe(true);
    expect(submitted).toEqual([{ kind: 'create', dateKey, timeKey: '10:00', booking: { user: 'Jack', duration: 2 } }]);
    expect(closed).toEqual([[{ type: 'close-panel' }, [`block-${dateKey}-10`]]]);
  });

  it('refuses a booking that runs into another one, and does nothing without a user', () => {
    expect(harness(panelAt(10)).sut.create(3)).toBe(false);
    const noUser = harness({ ui: { selectedSlot: { dateKey, hour: 10 }, selectedUser: null, selectedBooking: null } });
    expect(noUser.sut.create(1)).toBe(false);
    expect(noUser.submitted).toEqual([]);
  });

  it('says a slot has ended and closes the panel instead of submitting', () => {
    const { sut, submitted, shown, closed } = harness(panelAt(9));
    expect(sut.create(1)).toBe(true);
    expect(submitted).toEqual([]);
    expect(shown).toEqual(['10:00 AM has already ended']); // 9:00 in Brisbane, shown in Sydney
    expect(closed).toEqual([[{ type: 'close-panel' }, undefined]]);
  });

  it('reassigns the open booking, skipping a change to the same user', () => {
    const { sut, submitted } = harness(popupAt(12));
    expect(sut.reassign('Rue')).toBe(true);
    expect(sut.reassign('Bonnie')).toBe(true);
    expect(submitted).toEqual([{ kind: 'update', dateKey, timeKey: '12:00', updates: { user: 'Bonnie' } }]);
  });

  it('resizes only into free hours', () => {
    const { sut, submitted } = harness(popupAt(12));
    expect(sut.resize(4)).toBe(false);
    expect(sut.resize(2)).toBe(true);
    expect(sut.resize(3)).toBe(true);
    expect(submitted).toEqual([{ kind: 'update', dateKey, timeKey: '12:00', updates: { duration: 3 } }]);
  });

  it('deletes the open booking and returns focus to its row', () => {
    const { sut, submitted, closed } = harness(popupAt(15));
    sut.remove();
    expect(submitted).toEqual([{ kind: 'delete', dateKey, timeKey: '15:00' }]);
    expect(closed).toEqual([[{ type: 'close-popup' }, [`slot-${dateKey}-15`]]]);
  });

  it('ignores popup commands when no booking is open', () => {
    const { sut, submitted } = harness();
    expect(sut.reassign('Jack')).toBe(false);
    expect(sut.resize(2)).toBe(false);
    sut.remove();
    expect(submitted).toEqual([]);
  });
});
