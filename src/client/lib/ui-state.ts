/**
 * The calendar's UI state and its transitions (PRODUCT.md §6.1, §6.8–§6.11, §7). Exactly one
 * mode at a time: MOVE while a booking's new slot is being picked (issue 9 §9), else POPUP if a
 * booking is selected, else PANEL if a slot is, else NAVIGATION.
 */
import { addDays } from '../../core/time.js';
import type { DateKey } from '../../core/time.js';

export type View = 'day' | 'week';
export type Mode = 'navigation' | 'panel' | 'popup' | 'move';

/** A slot or booking start on a date. */
export interface SlotRef {
  dateKey: DateKey;
  hour: number;
}

/** A booking being moved: where it starts now (`from`) and the slot picked for it (`to`). */
export interface MoveState {
  from: SlotRef;
  to: SlotRef;
}

export interface UiState {
  currentDate: DateKey;
  view: View;
  selectedSlot: SlotRef | null;
  selectedUser: string | null;
  selectedBooking: SlotRef | null;
  /**
   * Keyboard focus (§6.11): an hour, or null. In the week view it is the focused cell's hour on
   * `currentDate` (issue 9 §10).
   */
  focusedHour: number | null;
  useSecondaryZone: boolean;
  /** Set while the user picks a new slot for a booking. */
  moving: MoveState | null;
}

export type UiEvent =
  | { type: 'navigate'; direction: -1 | 1 }
  | { type: 'go-to-date'; dateKey: DateKey }
  | { type: 'toggle-view' }
  | { type: 'toggle-zone' }
  | { type: 'open-panel'; slot: SlotRef }
  | { type: 'select-user'; name: string }
  | { type: 'close-panel' }
  | { type: 'open-popup'; booking: SlotRef }
  | { type: 'close-popup' }
  | { type: 'focus-hour'; hour: number | null }
  | { type: 'focus-cell'; cell: SlotRef }
  | { type: 'start-move'; booking: SlotRef }
  | { type: 'move-to'; slot: SlotRef }
  | { type: 'end-move' };

/** The state a session starts in: today's day view, nothing selected. */
export function initialUiState(today: DateKey, useSecondaryZone: boolean): UiState {
  return {
    currentDate: today,
    view: 'day',
    selectedSlot: null,
    selectedUser: null,
    selectedBooking: null,
    focusedHour: null,
    useSecondaryZone,
    moving: null,
  };
}

/** The single active mode (§7). */
export function modeOf(
  state: Pick<UiState, 'selectedBooking' | 'selectedSlot'> & Partial<Pick<UiState, 'moving'>>,
): Mode {
  if (state.moving) return 'move';
  if (state.selectedBooking) return 'popup';
  if (state.selectedSlot) return 'panel';
  return 'navigation';
}

const cleared = {
  selectedSlot: null,
  selectedUser: null,
  selectedBooking: null,
  focusedHour: null,
  moving: null,
} as const;

/** The next UI state after `event`. */
export function reduceUi(state: UiState, event: UiEvent): UiState {
  switch (event.type) {
    case 'navigate':
      return {
        ...state,
        ...cleared,
        currentDate: addDays(state.currentDate, event.direction * (state.view === 'week' ? 7 : 1)),
      };
    case 'go-to-date':
      return { ...state, ...cleared, currentDate: event.dateKey };
    case 'toggle-view':
      return { ...state, ...cleared, view: state.view === 'day' ? 'week' : 'day' };
    case 'toggle-zone':
      return { ...state, useSecondaryZone: !state.useSecondaryZone };
    case 'open-panel':
      // A slot opens in its date's day view; retargeting clears the chosen person (§6.9).
      return { ...state, ...cleared, view: 'day', currentDate: event.slot.dateKey, selectedSlot: event.slot };
    case 'select-user':
      return state.selectedSlot ? { ...state, selectedUser: event.name } : state;
    case 'close-panel':
      return { ...state, selectedSlot: null, selectedUser: null };
    case 'open-popup':
      // Opening the popup closes the panel (§7, §10 #20).
      return { ...state, ...cleared, selectedBooking: event.booking };
    case 'close-popup':
      return { ...state, selectedBooking: null };
    case 'focus-hour':
      return { ...state, focusedHour: event.hour };
    case 'focus-cell':
      // The week grid's focus: the cell's date becomes the viewed one, so W opens it.
      return { ...state, ...cleared, currentDate: event.cell.dateKey, focusedHour: event.cell.hour };
    case 'start-move':
      // The new slot is picked in the booking's day view, starting where it is.
      return {
        ...state,
        ...cleared,
        view: 'day',
        currentDate: event.booking.dateKey,
        moving: { from: event.booking, to: event.booking },
      };
    case 'move-to':
      return state.moving
        ? { ...state, currentDate: event.slot.dateKey, moving: { ...state.moving, to: event.slot } }
        : state;
    case 'end-move':
      return { ...state, moving: null };
  }
}
