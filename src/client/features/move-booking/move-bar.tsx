/**
 * The bar shown while a booking's new slot is picked (issue 9 §9): what moves where, whether it
 * may go there, and the two ways out. It takes focus, so Enter and Esc reach the shortcuts rather
 * than a block or row that had focus; the day view draws the preview (move-ghost).
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { formatBlockRange, formatLongDate } from '../../../core/format.js';
import type { MovePreview } from './move-commands.js';

interface Props {
  preview: MovePreview;
  /** Where the booking is now, e.g. `9-11 AM`. */
  fromRange: string;
  offset: number;
  onConfirm(): void;
  onCancel(): void;
}

export function MoveBar({ preview, fromRange, offset, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => ref.current?.focus({ preventScroll: true }), []);
  const where = `${formatLongDate(preview.to.dateKey)}, ${formatBlockRange(preview.to.hour, preview.end, offset)}`;
  const verdict = preview.unchanged ? 'Pick a new slot' : preview.fits ? `To ${where}` : `Cannot move to ${where}`;
  return (
    <div class="move-bar" role="region" aria-label="Move booking" tabIndex={-1} ref={ref}>
      <p class="move-bar__text" aria-live="polite">
        <strong>
          Moving {preview.booking.user} ({fromRange})
        </strong>
        <span class={preview.fits || preview.unchanged ? '' : 'move-bar__refused'}>{verdict}</span>
      </p>
      <div class="move-bar__actions">
        <button type="button" class="move-bar__confirm" disabled={!preview.fits} onClick={onConfirm}>
          <kbd class="key-hint">[Enter]</kbd> Move here
        </button>
        <button type="button" class="quiet-button" onClick={onCancel}>
          <kbd class="key-hint">[Esc]</kbd> Cancel
        </button>
      </div>
      <p class="move-bar__hint key-hint">↑↓ hour · ←→ day · or click a free hour</p>
    </div>
  );
}
