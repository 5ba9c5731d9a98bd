/** ← long date (+ TODAY) →, a date picker and a Today button (§6.8; issue 4 adds picker and Today). */
import { formatLongDate } from '../../../core/format.js';
import { isDateKey } from '../../../core/time.js';
import type { DateKey } from '../../../core/time.js';
import type { View } from '../../lib/ui-state.js';

interface Props {
  view: View;
  currentDate: DateKey;
  today: DateKey;
  onNavigate(direction: -1 | 1): void;
  onGoTo(dateKey: DateKey): void;
}

export function DateNav({ view, currentDate, today, onNavigate, onGoTo }: Props) {
  const unit = view === 'day' ? 'day' : 'week';
  return (
    <nav class="date-nav" aria-label="Date">
      <div class="date-nav__row">
        <button type="button" class="nav-button" aria-label={`Previous ${unit}`} onClick={() => onNavigate(-1)}>
          <span aria-hidden="true">←</span>
        </button>
        <div class="date-nav__heading">
          <h2 class="date-nav__date">{formatLongDate(currentDate)}</h2>
          {currentDate === today ? <span class="today-badge">Today</span> : null}
        </div>
        <button type="button" class="nav-button" aria-label={`Next ${unit}`} onClick={() => onNavigate(1)}>
          <span aria-hidden="true">→</span>
        </button>
      </div>
      <div class="date-nav__jump">
        <input
          type="date"
          class="date-input"
          aria-label="Go to date"
          value={currentDate}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isDateKey(value)) onGoTo(value);
          }}
        />
        <button type="button" class="today-button" aria-label="Go to today" onClick={() => onGoTo(today)}>
          Today
        </button>
      </div>
    </nav>
  );
}
