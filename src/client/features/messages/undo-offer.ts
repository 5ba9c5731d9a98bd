/**
 * The offer Ctrl+Z / Cmd+Z takes while one is shown (issue 9 §8): the newest message with an
 * action. The key itself is in the shortcut table (features/keyboard/shortcuts.ts).
 */
import type { Message } from './use-messages.js';

/** The newest message that offers an action (Undo), or undefined when none is shown. */
export function newestOffer(messages: readonly Message[]): Message | undefined {
  return [...messages].reverse().find((message) => message.action);
}
