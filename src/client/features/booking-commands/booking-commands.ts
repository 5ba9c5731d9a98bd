/**
 * The calendar's write commands (PRODUCT.md §6.2, §6.9, §6.10): book the selected slot, give a
 * booking to someone else, change its length, delete it. Each checks what the UI can know
 * (past slot, conflicts) with the core's rules, submits the change and says where focus goes.
 */
import { canBook, canChangeDuration, isSlotPast } from '../../../core/bookings.js';
import type { BookingsBlob } from '../../../core/bookings.js';
import { formatTimeLabel } from '../../../core/format.js';
import type { BookingRules } from '../../../core/rules.js';
import { timeKeyOfHour } from '../../../core/time.js';
import type { DateKey } from '../../../core/time.js';
import { blockFocusKey, slotFocusKey } from '../../lib/focus-key.js';
import type { UiState } from '../../lib/ui-state.js';
import type { WriteChange } from '../../lib/write-op.js';

export type CloseEvent = { type: 'close-panel' } | { type: 'close-popup' };

export interface BookingCommandsInput {
  ui: Pick<UiState, 'selectedSlot' | 'selectedUser' | 'selectedBooking'>;
  /** The bookings as the user sees them (pending changes applied). */
  blob: BookingsBlob;
  rules: BookingRules;
  clock: () => number;
  submit: (change: WriteChange) => void;
  /** Shows a message; a function is worded at each render, with the shown zone's offset of a date. */
  show: (text: string | ((offsetOf: (dateKey: DateKey) => number) => string)) => void;
  /** Closes the panel or popup and returns focus to the first of `focusKeys` that renders (default: where it came from). */
  close: (event: CloseEvent, focusKeys?: string[]) => void;
}

/** What a command did: false when it could not apply (the key or click is then ignored). */
export interface BookingCommands {
  /** Books the selected slot for the selected user for `hours`. */
  create(hours: number): boolean;
  /** Gives the open booking to `name`. */
  reassign(name: string): boolean;
  /** Changes the open booking to `hours`, if the added hours are free. */
  resize(hours: number): boolean;
  /** Deletes the open booking. */
  remove(): void;
}

/** The commands over the current selection, e.g. `bookingCommands(input).create(2)` books two hours. */
export function bookingCommands(input: BookingCommandsInput): BookingCommands {
  const { ui, blob, rules, submit } = input;
  const slot = ui.selectedSlot;
  const editing = ui.selectedBooking;
  const editingDay = editing ? (blob[editing.dateKey] ?? {}) : {};
  const editingBooking = editing ? editingDay[timeKeyOfHour(editing.hour)] : undefined;

  return {
    create(hours) {
      if (!slot || !ui.selectedUser) return false;
      if (isSlotPast(slot.dateKey, slot.hour, input.clock(), rules.timeZone)) {
        input.show((offsetOf) => `${formatTimeLabel(slot.hour, offsetOf(slot.dateKey))} has already ended`);
        input.close({ type: 'close-panel' });
        return true;
      }
      if (!canBook(blob[slot.dateKey] ?? {}, slot.hour, hours, rules)) return false;
      const timeKey = timeKeyOfHour(slot.hour);
      submit({ kind: 'create', dateKey: slot.dateKey, timeKey, booking: { user: ui.selectedUser, duration: hours } });
      input.close({ type: 'close-panel' }, [blockFocusKey(slot.dateKey, slot.hour)]);
      return true;
    },
    reassign(name) {
      if (!editing || !editingBooking) return false;
      if (name !== editingBooking.user) {
        submit({
          kind: 'update',
          dateKey: editing.dateKey,
          timeKey: timeKeyOfHour(editing.hour),
          updates: { user: name },
        });
      }
      return true;
    },
    resize(hours) {
      if (!editing || !editingBooking) return false;
      if (hours === editingBooking.duration) return true;
      if (!canChangeDuration(editingDay, editing.hour, hours, rules)) return false;
      const timeKey = timeKeyOfHour(editing.hour);
      submit({ kind: 'update', dateKey: editing.dateKey, timeKey, updates: { duration: hours } });
      return true;
    },
    remove() {
      if (!editing) return;
      submit({ kind: 'delete', dateKey: editing.dateKey, timeKey: timeKeyOfHour(editing.hour) });
      input.close({ type: 'close-popup' }, [slotFocusKey(editing.dateKey, editing.hour)]);
    },
  };
}
