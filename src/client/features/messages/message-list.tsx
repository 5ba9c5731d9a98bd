/**
 * The alert region for rollback and error messages (issue 4: short, specific text). Each message
 * is its own opaque box with its Dismiss button inside (issue 9).
 */
import type { Message } from './use-messages.js';

interface Props {
  messages: Message[];
  onDismiss(id: number): void;
}

export function MessageList({ messages, onDismiss }: Props) {
  if (messages.length === 0) return null;
  return (
    <div class="messages" role="alert">
      {messages.map((message) => (
        <div class="message" key={message.id}>
          <p class="message__text">{message.text}</p>
          <button type="button" class="message__dismiss" onClick={() => onDismiss(message.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
