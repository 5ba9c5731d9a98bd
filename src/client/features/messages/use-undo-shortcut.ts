/**
 * Ctrl+Z / Cmd+Z while an undo offer is shown (issue 9 §8) runs the newest one's action. Its own
 * listener: the shortcut map (features/keyboard) takes only unmodified keys.
 */
import { useEffect, useRef } from 'preact/hooks';
import { isTypingTarget } from '../../lib/typing-target.js';
import type { Message } from './use-messages.js';

/** True for Ctrl+Z or Cmd+Z without Shift or Alt (Shift would be redo). */
export function isUndoKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z';
}

export function useUndoShortcut(messages: readonly Message[], act: (message: Message) => void): void {
  const latest = useRef({ messages, act });
  latest.current = { messages, act };
  const offered = messages.some((message) => message.action);
  useEffect(() => {
    if (!offered) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isUndoKey(event) || isTypingTarget(event.target)) return;
      const newest = [...latest.current.messages].reverse().find((message) => message.action);
      if (!newest) return;
      event.preventDefault();
      latest.current.act(newest);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [offered]);
}
