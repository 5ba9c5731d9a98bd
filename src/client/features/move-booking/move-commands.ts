/**
 * Moving a booking to another hour or date in one step (issue 9 §9): the popup's Move (key `M`)
 * starts picking, arrows or a click choose the new slot, Enter moves it, Esc cancels. Whether the
 * slot fits is the create rule with the booking's own hours never blocking it, from src/core, so
 * the preview says what the server will answer.
 */
import { findMoveConflict, isSlotPast } from '../../../core/bookings.js';
import type { Booking, BookingsBlob } from '../../../core/bookings.js';
import type { BookingRules } from '../../../core/rules.js';
import { addDays, timeKeyOfHour } from '../../../core/time.js';
import { blockFocusKey } from '../../lib/focus-key.js';
import type { MoveState, SlotRef, UiEvent } from '../../lib/ui-state.js';
import type { WriteChange } from '../../lib/write-op.js';

/** What the day view draws at the picked slot: the booking's hours there and whether it may go. */
export interface MovePreview {
  booking: Booking;
  to: SlotRef;
  end: number;
  /** False when the slot has ended or another booking (or closing time) is in the way. */
  fits: boolean;
  /** The picked slot is where the booking already is: moving there changes nothing. */
  unchanged: boolean;
}

/** The preview of `moving` over `blob` at `now`, or null when the booking is gone. */
export function movePreviewOf(
  moving: MoveState,
  blob: BookingsBlob,
  rules: BookingRules,
  now: number,
): MovePreview | null {
  const { from, to } = moving;
  const booking = blob[from.dateKey]?.[timeKeyOfHour(from.hour)];
  if (!booking) return null;
  const unchanged = to.dateKey === from.dateKey && to.hour === from.hour;
  const ownStart = to.dateKey === from.dateKey ? from.hour : undefined;
  const conflict = findMoveConflict(blob[to.dateKey] ?? {}, to.hour, booking.duration, rules, ownStart);
  const fits = !unchanged && !conflict && !isSlotPast(to.dateKey, to.hour, now, rules.timeZone);
  return { booking, to, end: to.hour + booking.duration, fits, unchanged };
}

export interface MoveCommandsInput {
  /** The booking open in the popup, which Move starts from. */
  editing: SlotRef | null;
  moving: MoveState | null;
  blob: BookingsBlob;
  rules: BookingRules;
  clock: () => number;
  submit: (change: WriteChange) => void;
  dispatch: (event: UiEvent) => void;
  /** Moves DOM focus to the first of `keys` once it renders. */
  restoreFocus: (keys: string[]) => void;
}

export interface MoveCommands {
  /** Starts picking a new slot for the booking open in the popup. */
  start(): boolean;
  /**
   * Moves the picked slot by `days` and `hours` within operating hours; an hour step into ended
   * hours stays put, a day step onto today lands on its first open hour (ended ones are not drawn).
   */
  shift(days: number, hours: number): boolean;
  /** Picks `slot` (a click on its row) and moves the booking there if it fits. */
  pick(slot: SlotRef): boolean;
  /** Moves the booking to the picked slot if it fits; false (nothing sent) otherwise. */
  confirm(): boolean;
  cancel(): void;
}

/** The move commands over the current state, e.g. `moveCommands(input).shift(0, 1)` picks an hour later. */
export function moveCommands(input: MoveCommandsInput): MoveCommands {
  const { moving, rules, dispatch } = input;

  function moveTo(to: SlotRef): boolean {
    if (!moving) return false;
    const preview = movePreviewOf({ ...moving, to }, input.blob, rules, input.clock());
    if (!preview) return false;
    if (preview.unchanged) {
      cancel();
      return true;
    }
    if (!preview.fits) return false;
    const { from } = moving;
    input.submit({
      kind: 'move',
      dateKey: from.dateKey,
      timeKey: timeKeyOfHour(from.hour),
      to: { dateKey: to.dateKey, timeKey: timeKeyOfHour(to.hour) },
      updates: {},
    });
    input.restoreFocus([blockFocusKey(to.dateKey, to.hour)]);
    dispatch({ type: 'end-move' });
    return true;
  }

  function cancel(): void {
    if (!moving) return;
    input.restoreFocus([blockFocusKey(moving.from.dateKey, moving.from.hour)]);
    dispatch({ type: 'end-move' });
  }

  return {
    start() {
      const editing = input.editing;
      if (!editing || !input.blob[editing.dateKey]?.[timeKeyOfHour(editing.hour)]) return false;
      dispatch({ type: 'start-move', booking: editing });
      return true;
    },
    shift(days, hours) {
      if (!moving) return false;
      const dateKey = addDays(moving.to.dateKey, days);
      let hour = Math.min(Math.max(moving.to.hour + hours, rules.openHour), rules.closeHour - 1);
      const now = input.clock();
      const past = (at: number) => isSlotPast(dateKey, at, now, rules.timeZone);
      if (days !== 0 && !past(rules.closeHour - 1)) {
        while (past(hour)) hour += 1;
      } else if (hour !== moving.to.hour && past(hour)) {
        hour = moving.to.hour;
      }
      dispatch({ type: 'move-to', slot: { dateKey, hour } });
      return true;
    },
    pick(slot) {
      dispatch({ type: 'move-to', slot });
      return moveTo(slot);
    },
    confirm: () => (moving ? moveTo(moving.to) : false),
    cancel,
  };
}
