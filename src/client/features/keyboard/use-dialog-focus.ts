/**
 * Opening and closing the booking panel and popup with focus kept in place (issue 4): a closed
 * dialog returns focus to the row or block it came from. The target is kept for a moment, as
 * optimistic rows and blocks can appear one render after the dialog closes.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { DateKey } from '../../../core/time.js';
import { blockFocusKey, focusFirst, slotFocusKey } from '../../lib/focus-key.js';
import type { UiEvent } from '../../lib/ui-state.js';

const KEEP_TARGET_MS = 2000;

export interface DialogFocus {
  /** Moves focus to the first of `keys` that renders within a moment. */
  restoreFocus(keys: string[]): void;
  openSlot(dateKey: DateKey, hour: number): void;
  openBooking(dateKey: DateKey, start: number): void;
  /** Closes the dialog; focus goes to `keys`, by default back where the dialog was opened from. */
  close(event: { type: 'close-panel' } | { type: 'close-popup' }, keys?: string[]): void;
}

export function useDialogFocus(dispatch: (event: UiEvent) => void): DialogFocus {
  const pending = useRef<{ keys: string[]; until: number } | null>(null);
  const returnKeys = useRef<string[]>([]);

  useLayoutEffect(() => {
    const target = pending.current;
    if (!target) return;
    if (Date.now() > target.until || focusFirst(target.keys)) pending.current = null;
  });

  const restoreFocus = (keys: string[]) => {
    pending.current = { keys, until: Date.now() + KEEP_TARGET_MS };
  };
  return {
    restoreFocus,
    openSlot(dateKey, hour) {
      pending.current = null;
      returnKeys.current = [slotFocusKey(dateKey, hour), blockFocusKey(dateKey, hour)];
      dispatch({ type: 'open-panel', slot: { dateKey, hour } });
    },
    openBooking(dateKey, start) {
      returnKeys.current = [blockFocusKey(dateKey, start), slotFocusKey(dateKey, start)];
      dispatch({ type: 'open-popup', booking: { dateKey, hour: start } });
    },
    close(event, keys = returnKeys.current) {
      restoreFocus(keys);
      dispatch(event);
    },
  };
}
