/**
 * The create panel (PRODUCT.md §6.9): AWAITING_USER → AWAITING_DURATION → created. A side panel
 * from 769px; full width below, where no backdrop is left to tap, so a close button sits on top.
 */
import { useRef } from 'preact/hooks';
import type { DayBookings } from '../../../core/bookings.js';
import { formatShortDate, formatTimeLabel } from '../../../core/format.js';
import type { DateKey } from '../../../core/time.js';
import type { BookingRules } from '../../../core/rules.js';
import { DialogSection } from '../../components/dialog-section.js';
import { DurationList } from '../../components/duration-list.js';
import { useFocusOnMount } from '../../components/focus-on-mount.js';
import { PeopleOptions } from '../../components/people-options.js';
import { createOptions } from '../../lib/duration-options.js';

interface Props {
  dateKey: DateKey;
  hour: number;
  day: DayBookings;
  past: boolean;
  rules: BookingRules;
  users: readonly { name: string }[];
  selectedUser: string | null;
  offset: number;
  hotkeyOf(name: string): string | undefined;
  colorOf(name: string): number;
  onSelectUser(name: string): void;
  onChooseDuration(hours: number): void;
  onCancel(): void;
}

export function BookingPanel(props: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusOnMount(ref);
  const options = createOptions(props.day, props.hour, props.rules, props.selectedUser !== null, props.past);
  return (
    <>
      <div class="panel-backdrop" aria-hidden="true" onClick={props.onCancel} />
      <div class="panel" role="dialog" aria-labelledby="panel-title" ref={ref}>
        <div class="dialog-header">
          <h2 id="panel-title" class="dialog-title">
            Book Slot
          </h2>
          <p class="dialog-when">
            <span class="dialog-time">{formatTimeLabel(props.hour, props.offset)}</span>{' '}
            <span class="dialog-date">{formatShortDate(props.dateKey)}</span>
          </p>
        </div>
        <DialogSection id="panel-who" title="Who?">
          <PeopleOptions
            users={props.users}
            hotkeyOf={props.hotkeyOf}
            selected={props.selectedUser}
            colorOf={props.colorOf}
            onSelect={props.onSelectUser}
          />
        </DialogSection>
        <DialogSection id="panel-duration" title="Duration?">
          {props.selectedUser === null ? <p class="dialog-note">Choose who first.</p> : null}
          <DurationList options={options} selected={null} onChoose={props.onChooseDuration} />
        </DialogSection>
        <button type="button" class="quiet-button" onClick={props.onCancel}>
          <kbd class="key-hint">[Esc]</kbd> Cancel
        </button>
        {/* Drawn at the top; last in the DOM so opening the panel still focuses the first person. */}
        <button type="button" class="dialog-close panel__close" aria-label="Close" onClick={props.onCancel}>
          ×
        </button>
      </div>
    </>
  );
}
