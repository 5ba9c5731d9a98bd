/**
 * The edit popup (PRODUCT.md §6.10): reassign, resize, move (issue 9 §9) or delete a booking. Modal:
 * backdrop closes it, Tab stays inside, changes apply at once (no Save).
 */
import { useRef } from 'preact/hooks';
import type { Booking, DayBookings } from '../../../core/bookings.js';
import { formatShortDate, formatTimeRange } from '../../../core/format.js';
import type { DateKey } from '../../../core/time.js';
import type { BookingRules } from '../../../core/rules.js';
import { DialogSection } from '../../components/dialog-section.js';
import { DurationList } from '../../components/duration-list.js';
import { trapTab, useFocusOnMount } from '../../components/focus-on-mount.js';
import { PeopleOptions } from '../../components/people-options.js';
import { changeOptions } from '../../lib/duration-options.js';

interface Props {
  dateKey: DateKey;
  start: number;
  booking: Booking;
  day: DayBookings;
  rules: BookingRules;
  users: readonly { name: string }[];
  offset: number;
  hotkeyOf(name: string): string | undefined;
  colorOf(name: string): number;
  onSelectUser(name: string): void;
  onChooseDuration(hours: number): void;
  onDelete(): void;
  /** Starts picking a new slot for the booking (issue 9 §9). */
  onMove(): void;
  onClose(): void;
}

export function BookingPopup(props: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusOnMount(ref);
  const { start, booking } = props;
  return (
    <>
      <div class="popup-backdrop" aria-hidden="true" onClick={props.onClose} />
      <div
        class="popup"
        role="dialog"
        aria-modal="true"
        aria-labelledby="popup-title"
        ref={ref}
        onKeyDown={(event) => trapTab(event, ref.current)}
      >
        <button type="button" class="dialog-close popup__x" tabIndex={-1} aria-hidden="true" onClick={props.onClose}>
          ×
        </button>
        <div class="dialog-header">
          <h2 id="popup-title" class="dialog-title">
            Edit Booking
          </h2>
          <p class="dialog-when">
            <span class="dialog-time">{formatTimeRange(start, start + booking.duration, props.offset)}</span>{' '}
            <span class="dialog-date">{formatShortDate(props.dateKey)}</span>
          </p>
        </div>
        <DialogSection id="popup-who" title="Who?">
          <PeopleOptions
            users={props.users}
            hotkeyOf={props.hotkeyOf}
            selected={booking.user}
            colorOf={props.colorOf}
            onSelect={props.onSelectUser}
          />
        </DialogSection>
        <DialogSection id="popup-duration" title="Duration?">
          <DurationList
            options={changeOptions(props.day, start, props.rules)}
            selected={booking.duration}
            onChoose={props.onChooseDuration}
          />
        </DialogSection>
        <div class="popup__actions">
          <button type="button" class="done-button" onClick={props.onClose}>
            <kbd class="key-hint">[Enter]</kbd> Done
          </button>
          <button type="button" class="quiet-button move-button" onClick={props.onMove}>
            <kbd class="key-hint">[M]</kbd> Move
          </button>
          <button type="button" class="delete-button" onClick={props.onDelete}>
            <kbd class="key-hint">[D]</kbd> Delete
          </button>
          <button type="button" class="quiet-button" onClick={props.onClose}>
            <kbd class="key-hint">[Esc]</kbd> Close
          </button>
        </div>
      </div>
    </>
  );
}
