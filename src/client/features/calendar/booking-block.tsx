/**
 * One booking drawn over the rows it covers (§8.4): `Jack (9-11 AM)`, opens the popup on click,
 * Enter or Space. Position comes from CSS variables so it follows the real row height.
 */
import { formatBlockRange, formatHourShort } from '../../../core/format.js';
import type { DateKey } from '../../../core/time.js';
import { blockFocusKey } from '../../lib/focus-key.js';
import type { BlockModel } from './day-model.js';

interface Props {
  dateKey: DateKey;
  block: BlockModel;
  /** Index of `visibleStart` among the rendered rows. */
  row: number;
  color: number;
  offset: number;
  variant: 'day' | 'week';
  /** Just confirmed by the server: the short glow of §8.8. */
  glowing?: boolean;
  onOpen(dateKey: DateKey, start: number): void;
}

/**
 * `Jack (9-11 AM)` in parts, so a narrow week column can show the name over the bare range, or
 * the name alone on a one-hour block, instead of an ellipsis (issue 9).
 */
function BlockLabel({ user, range }: { user: string; range: string }) {
  return (
    <span class="block__label">
      <span class="block__name">{user}</span>
      <span class="block__range">
        <span class="block__paren"> (</span>
        {range}
        <span class="block__paren">)</span>
      </span>
    </span>
  );
}

export function BookingBlock({ dateKey, block, row, color, offset, variant, glowing, onOpen }: Props) {
  const { booking, visibleStart, end, readOnly } = block;
  const range = formatBlockRange(visibleStart, end, offset);
  const label = `${booking.user} (${range})`;
  const span = end - visibleStart;
  const style = { '--row': row, '--span': span };
  const className = `block block--${variant} user-${color}${readOnly ? ' block--read-only' : ''}${span === 1 ? ' block--single' : ''}${glowing ? ' block--confirmed' : ''}`;
  if (readOnly) {
    return (
      <div class={className} style={style} title={label}>
        <BlockLabel user={booking.user} range={range} />
      </div>
    );
  }
  const open = () => onOpen(dateKey, block.start);
  return (
    <div
      class={className}
      style={style}
      role="button"
      // In the week grid the cell holds the one tab stop and Enter opens the block (issue 9 §10).
      tabIndex={variant === 'week' ? -1 : 0}
      data-focus-key={blockFocusKey(dateKey, block.start)}
      aria-label={`Booking by ${booking.user} from ${formatHourShort(visibleStart, offset)} to ${formatHourShort(end, offset)}, click to edit`}
      title={variant === 'week' ? `${label} - click to edit` : undefined}
      onClick={open}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        event.stopPropagation();
        open();
      }}
    >
      <BlockLabel user={booking.user} range={range} />
      {variant === 'day' ? (
        <span class="block__hint" aria-hidden="true">
          click to edit
        </span>
      ) : null}
    </div>
  );
}
