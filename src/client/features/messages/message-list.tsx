/**
 * The alert region for rollback and error messages (issue 4: short, specific text). Each message
 * is its own opaque box with its Dismiss button inside (issue 9).
 */
import type { DateKey } from '../../../core/time.js';
import type { Message } from './use-messages.js';

interface Props {
  messages: Message[];
  /** The display offset of a date in the zone the calendar shows, for messages worded per render. */
  offsetOf(dateKey: DateKey): number;
  onDismiss(id: number): void;
  onAct(message: Message): void;
}

export function MessageList({ messages, offsetOf, onDismiss, onAct }: Props) {
  if (messages.length === 0) return null;
  return (
    <div class="messages" role="alert">
      {messages.map((message) => (
        <div
          class={`message${message.action ? ' message--undoable' : ''}${message.sticky ? ' message--sticky' : ''}${message.news ? ' message--news' : ''}`}
          key={message.id}
        >
          <p class="message__text">{typeof message.text === 'string' ? message.text : message.text(offsetOf)}</p>
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
