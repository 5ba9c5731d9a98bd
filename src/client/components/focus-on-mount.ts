/** Moves focus into a dialog when it opens: the pressed option if any, else the first enabled button. */
import { useLayoutEffect } from 'preact/hooks';
import type { RefObject } from 'preact';

export function useFocusOnMount(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const target =
      root.querySelector<HTMLElement>('.option-list--people [aria-pressed="true"]') ??
      root.querySelector<HTMLElement>('button:not([disabled])');
    target?.focus({ preventScroll: true });
  }, []);
}

/** Keeps Tab and Shift+Tab inside `root` (the popup's focus trap, §7 / issue 4). */
export function trapTab(event: KeyboardEvent, root: HTMLElement | null): void {
  if (event.key !== 'Tab' || !root) return;
  const focusable = [...root.querySelectorAll<HTMLElement>('button:not([disabled]):not([tabindex="-1"])')];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && (document.activeElement === first || !root.contains(document.activeElement))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (document.activeElement === last || !root.contains(document.activeElement))) {
    event.preventDefault();
    first.focus();
  }
}
