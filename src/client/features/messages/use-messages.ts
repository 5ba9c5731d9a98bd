/** Short non-blocking messages (rollbacks, conflicts, errors), each dismissed after a while. */
import { useCallback, useState } from 'preact/hooks';

export interface Message {
  id: number;
  text: string;
}

const SHOW_FOR_MS = 10_000;
let nextId = 0;

export function useMessages(): { messages: Message[]; show(text: string): void; dismiss(id: number): void } {
  const [messages, setMessages] = useState<Message[]>([]);
  const dismiss = useCallback((id: number) => setMessages((list) => list.filter((message) => message.id !== id)), []);
  const show = useCallback(
    (text: string) => {
      nextId += 1;
      const id = nextId;
      setMessages((list) => [...list.slice(-2), { id, text }]);
      setTimeout(() => dismiss(id), SHOW_FOR_MS);
    },
    [dismiss],
  );
  return { messages, show, dismiss };
}
