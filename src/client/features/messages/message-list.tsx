/** The alert region for rollback and error messages (issue 4: short, specific text). */
import type { Message } from './use-messages.js';

interface Props {
  messages: Message[];
  onDismiss(id: number): void;
  onAct(message: Message): void;
}

export function MessageList({ messages, onDismiss, onAct }: Props) {
  if (messages.length === 0) return null;
  return (
    <div class="messages">
      <div class="messages__list" role="alert">
        {messages.map((message) => (
          <p class={message.action ? 'message message--undoable' : 'message'} key={message.id}>
            {message.text}
            {message.action ? (
              <button type="button" class="message__action" onClick={() => onAct(message)}>
                {message.action.label}
              </button>
            ) : null}
          </p>
        ))}
      </div>
      <button
        type="button"
        class="message__dismiss"
        onClick={() => messages.forEach((message) => onDismiss(message.id))}
      >
        Dismiss
      </button>
    </div>
  );
}
