/** Short non-blocking messages (rollbacks, conflicts, errors, undo offers), each dismissed after a while. */
import { useCallback, useState } from 'preact/hooks';

/** A button a message carries, e.g. Undo (issue 9 §8); running it dismisses the message. */
export interface MessageAction {
  label: string;
  run(): void;
}

export interface Message {
  id: number;
  text: string;
  action?: MessageAction;
}

const SHOW_FOR_MS = 10_000;
let nextId = 0;

export interface Messages {
  messages: Message[];
  show(text: string, action?: MessageAction): void;
  dismiss(id: number): void;
  /** Runs the message's action, then dismisses it. */
  act(message: Message): void;
}

export function useMessages(): Messages {
  const [messages, setMessages] = useState<Message[]>([]);
  const dismiss = useCallback((id: number) => setMessages((list) => list.filter((message) => message.id !== id)), []);
  const show = useCallback(
    (text: string, action?: MessageAction) => {
      nextId += 1;
      const id = nextId;
      setMessages((list) => [...list.slice(-2), action ? { id, text, action } : { id, text }]);
      setTimeout(() => dismiss(id), SHOW_FOR_MS);
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
