/**
 * Focus by stable key rather than element reference, because rows and blocks re-render:
 * `data-focus-key="slot-2026-11-24-10"` / `block-2026-11-24-10` (issue 4: focus returns to the
 * originating row or block when a dialog closes).
 */
import type { DateKey } from '../../core/time.js';

export const slotFocusKey = (dateKey: DateKey, hour: number) => `slot-${dateKey}-${hour}`;
export const blockFocusKey = (dateKey: DateKey, hour: number) => `block-${dateKey}-${hour}`;

/** Focuses the first of `keys` that names an enabled element on the page; true if one did. */
export function focusFirst(keys: readonly string[]): boolean {
  for (const key of keys) {
    const element = document.querySelector<HTMLElement>(`[data-focus-key="${key}"]`);
    if (element && !element.hasAttribute('disabled')) {
      element.focus();
      return true;
    }
  }
  return false;
}
