/**
 * The one window `keydown` listener (PRODUCT.md §7): skips typing targets and modified keys (but
 * Ctrl/Cmd+Z, issue 9 §8), resolves the key for the current mode and prevents the default only
 * for handled keys.
 */
import { useEffect, useRef } from 'preact/hooks';
import { isTypingTarget } from '../../lib/typing-target.js';
import { keyOfEvent, resolveShortcut } from './shortcuts.js';
import type { ShortcutAction, ShortcutContext } from './shortcuts.js';

/** `perform` returns false when the action turned out to do nothing (the key then stays native). */
export function useShortcuts(
  enabled: boolean,
  context: ShortcutContext,
  perform: (action: ShortcutAction) => boolean,
): void {
  const latest = useRef({ context, perform });
  latest.current = { context, perform };
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const key = keyOfEvent(event);
      if (event.defaultPrevented || key === null || isTypingTarget(event.target)) return;
      // The week grid's arrows act only while it has the focus (WAI-ARIA grid; §9.26 elsewhere).
      const inWeekGrid = event.target instanceof Element && event.target.closest('[role="grid"]') !== null;
      const action = resolveShortcut(key, { ...latest.current.context, inWeekGrid });
      if (action && latest.current.perform(action)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
