/**
 * Title, then one row of sync state and the action buttons: Book Now, view toggle, time-zone
 * toggle (§8.1, §8.3). The state sits in the actions row so the header keeps the original's height.
 */
import type { ComponentChildren } from 'preact';
import type { View } from '../../lib/ui-state.js';
import { HelpButton } from './help-button.js';

// PRODUCT.md §8.3 names these buttons; the visible text leads the name so speech input
// ("click Book Now") works and axe's label-content-name-mismatch (WCAG 2.5.3) passes.
const BOOK_NOW_NAME = 'Book current hour';
const ZONE_TOGGLE_NAME = 'Toggle timezone display';

interface Props {
  title: string;
  view: View;
  bookNowVisible: boolean;
  zoneLabel: string;
  useSecondaryZone: boolean;
  onBookNow(): void;
  onToggleView(): void;
  onToggleZone(): void;
  /** Opens the shortcut help (issue 9 §12). */
  onShowHelp(): void;
  status: ComponentChildren;
}

export function AppHeader(props: Props) {
  const { view, useSecondaryZone } = props;
  return (
    <div class="header__top">
      <h1 class="title">{props.title}</h1>
      <div class="header__actions">
        {props.status}
        {props.bookNowVisible ? (
          <button
            type="button"
            class="action action--primary"
            aria-label={`[B] Book Now - ${BOOK_NOW_NAME}`}
            onClick={props.onBookNow}
          >
            <kbd class="key-hint">[B]</kbd> Book Now
          </button>
        ) : null}
        <button
          type="button"
          class="action action--toggle action--view"
          aria-pressed={view === 'week'}
          onClick={props.onToggleView}
        >
          <kbd class="key-hint">[W]</kbd> {view === 'day' ? 'Week View' : 'Day View'}
        </button>
        <button
          type="button"
          class="action action--toggle"
          aria-label={`[T] ${props.zoneLabel} - ${ZONE_TOGGLE_NAME}`}
          aria-pressed={useSecondaryZone}
          onClick={props.onToggleZone}
        >
          <kbd class="key-hint">[T]</kbd> {props.zoneLabel}
        </button>
        <HelpButton place="actions" onShowHelp={props.onShowHelp} />
      </div>
    </div>
  );
}
