/**
 * The alert region for rollback and error messages (issue 4: short, specific text). Each message
 * is its own opaque box with its Dismiss button inside (issue 9).
 */
import type { Message } from './use-messages.js';

interface Props {
  messages: Message[];
  onDismiss(id: number): void;
  onAct(message: Message): void;
}

export function MessageList({ messages, onDismiss, onAct }: Props) {
  if (messages.length === 0) return null;
  return (
    <div class="messages" role="alert">
      {messages.map((message) => (
        <div class={message.action ? 'message message--undoable' : 'message'} key={message.id}>
          <p class="message__text">{message.text}</p>
          {message.action ? (
            <button type="button" class="message__action" onClick={() => onAct(message)}>
              {message.action.label}
            </button>
          ) : null}
          <button type="button" class="message__dismiss" onClick={() => onDismiss(message.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
