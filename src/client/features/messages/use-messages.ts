/**
 * Short non-blocking messages (rollbacks, conflicts, errors, undo offers), each dismissed after a
 * while, except sticky ones (a refused offline change, issue 9 §4), which stay until dismissed.
 */
import { useCallback, useState } from 'preact/hooks';
import type { DateKey } from '../../../core/time.js';

/** A button a message carries, e.g. Undo (issue 9 §8); running it dismisses the message. */
export interface MessageAction {
  label: string;
  run(): void;
}

/** Words fixed when shown, or worded at each render so their times follow the zone toggle. */
export type MessageText = string | ((offsetOf: (dateKey: DateKey) => number) => string);

export interface MessageOptions {
  action?: MessageAction;
  /** No timeout: stays listed until dismissed. */
  sticky?: boolean;
  /** Good news (changes saved), drawn as such rather than as an error. */
  news?: boolean;
}

export interface Message extends MessageOptions {
  id: number;
  text: MessageText;
}

const SHOW_FOR_MS = 10_000;
/** Messages that time out, newest kept; sticky ones are all kept. */
const MAX_TRANSIENT = 3;
let nextId = 0;

/** The list once `message` is added: every sticky message stays, of the others only the newest few. */
export function withMessage(list: readonly Message[], message: Message): Message[] {
  const transient = list.filter((shown) => !shown.sticky);
  const dropped = new Set(transient.slice(0, -(MAX_TRANSIENT - 1)).map((shown) => shown.id));
  return [...list.filter((shown) => !dropped.has(shown.id)), message];
}

export interface Messages {
  messages: Message[];
  show(text: MessageText, options?: MessageOptions): void;
  dismiss(id: number): void;
  /** Runs the message's action, then dismisses it. */
  act(message: Message): void;
}

export function useMessages(): Messages {
  const [messages, setMessages] = useState<Message[]>([]);
  const dismiss = useCallback((id: number) => setMessages((list) => list.filter((message) => message.id !== id)), []);
  const show = useCallback(
    (text: MessageText, options: MessageOptions = {}) => {
      nextId += 1;
      const message: Message = { id: nextId, text, ...options };
      setMessages((list) => withMessage(list, message));
      if (!options.sticky) setTimeout(() => dismiss(message.id), SHOW_FOR_MS);
    },
    [dismiss],
  );
  const act = useCallback(
    (message: Message) => {
      dismiss(message.id);
      message.action?.run();
    },
    [dismiss],
  );
  return { messages, show, dismiss, act };
}
