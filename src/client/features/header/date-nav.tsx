/**
 * ← long date (+ TODAY) → in one row (§6.8, §8.1). Issue 4's date picker is folded into the date:
 * the date is the picker's face, and off today the TODAY badge's place holds the Today button,
 * so the header keeps the original's height (issue 9).
 */
import { formatLongDate } from '../../../core/format.js';
import { isDateKey } from '../../../core/time.js';
import type { DateKey } from '../../../core/time.js';
import type { View } from '../../lib/ui-state.js';
import { HelpButton } from './help-button.js';

interface Props {
  view: View;
  currentDate: DateKey;
  today: DateKey;
  onNavigate(direction: -1 | 1): void;
  onGoTo(dateKey: DateKey): void;
  /** Opens the shortcut help, from the `?` at the row's end (issue 9 §12). */
  onShowHelp(): void;
}

/** Opens the native picker on a click anywhere on the date (where the browser supports it). */
function showPicker(input: HTMLInputElement): void {
  try {
    input.showPicker();
  } catch {
    // Not allowed here (e.g. a cross-origin frame): the field still takes typed dates.
  }
}

export function DateNav({ view, currentDate, today, onNavigate, onGoTo, onShowHelp }: Props) {
  const unit = view === 'day' ? 'day' : 'week';
  return (
    <nav class="date-nav" aria-label="Date">
      <button type="button" class="nav-button" aria-label={`Previous ${unit}`} onClick={() => onNavigate(-1)}>
        <span aria-hidden="true">←</span>
      </button>
      <div class="date-nav__heading">
        <div class="date-nav__pick">
          <h2 class="date-nav__date">{formatLongDate(currentDate)}</h2>
          <input
            type="date"
            class="date-input"
            aria-label="Go to date"
            title="Go to date"
            value={currentDate}
            onClick={(event) => showPicker(event.currentTarget)}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isDateKey(value)) onGoTo(value);
            }}
          />
        </div>
        {currentDate === today ? (
          <span class="today-badge">Today</span>
        ) : (
          <button type="button" class="today-button" aria-label="Go to today" onClick={() => onGoTo(today)}>
            Today
          </button>
        )}
      </div>
      <button type="button" class="nav-button" aria-label={`Next ${unit}`} onClick={() => onNavigate(1)}>
        <span aria-hidden="true">→</span>
      </button>
      <HelpButton place="date-row" onShowHelp={onShowHelp} />
    </nav>
  );
}
