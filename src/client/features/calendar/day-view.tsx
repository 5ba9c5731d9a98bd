/**
 * The day strip (PRODUCT.md §6.6, §8.4): one row per rendered hour and one block per booking,
 * interleaved so reading and tab order follow the clock.
 */
import { formatBlockRange, formatLongDate, formatTimeLabel } from '../../../core/format.js';
import type { DateKey } from '../../../core/time.js';
import { slotFocusKey } from '../../lib/focus-key.js';
import { BookingBlock } from './booking-block.js';
import type { BlockModel, HourRow, NowLine } from './day-model.js';

interface Props {
  dateKey: DateKey;
  rows: HourRow[];
  blocks: BlockModel[];
  offset: number;
  selectedHour: number | null;
  focusedHour: number | null;
  colorOf(name: string): number;
  onSelectSlot(hour: number): void;
  onOpenBooking(dateKey: DateKey, start: number): void;
  /** While a booking is moved here (issue 9 §9): its hours at the picked slot, and whether it fits. */
  moveGhost?: { user: string; start: number; end: number; fits: boolean } | null;
  /** The current time, drawn as a line when it falls on this date's rendered rows (issue 9 §11). */
  nowLine?: NowLine | null;
  isGlowing?(dateKey: DateKey, hour: number): boolean;
}

/** The moving booking drawn at the picked slot, over the rows (clipped to the rendered ones). */
function MoveGhost({
  ghost,
  firstHour,
  lastHour,
  offset,
}: {
  ghost: NonNullable<Props['moveGhost']>;
  firstHour: number;
  lastHour: number;
  offset: number;
}) {
  if (ghost.start < firstHour || ghost.start > lastHour) return null;
  const end = Math.min(ghost.end, lastHour + 1);
  const style = { '--row': ghost.start - firstHour, '--span': end - ghost.start };
  return (
    <div class={`move-ghost${ghost.fits ? '' : ' move-ghost--refused'}`} style={style} aria-hidden="true">
      {ghost.user} ({formatBlockRange(ghost.start, ghost.end, offset)})
    </div>
  );
}

function rowLabel(row: HourRow, time: string): string {
  if (row.past) return `${time} - Past`;
  return row.occupancy === 'available' ? `${time} - Available, click to book` : `${time} - Occupied`;
}

export function DayView(props: Props) {
  const { dateKey, rows, blocks, offset } = props;
  const firstHour = rows[0]?.hour ?? 0;
  const blockAt = new Map<number, BlockModel>(blocks.map((block) => [block.visibleStart, block]));
  const nowRow = props.nowLine?.dateKey === dateKey ? rows.findIndex((row) => row.hour === props.nowLine?.hour) : -1;
  return (
    <section class="day-strip" aria-label={`Hours of ${formatLongDate(dateKey)}`}>
      {rows.length === 0 ? (
        <p class="day-strip__empty">No bookable hours left today. Use → for tomorrow.</p>
      ) : (
        <div class="day-strip__rows">
          {rows.map((row) => {
            const time = formatTimeLabel(row.hour, offset);
            const bookable = row.occupancy === 'available' && !row.past;
            // Occupancy and past are independent (§2.4): a past row under a booking still hides its label.
            const state = `${row.occupancy}${row.past ? ' slot--past' : ''}`;
            const selected = props.selectedHour === row.hour;
            const focused = props.focusedHour === row.hour;
            const block = blockAt.get(row.hour);
            return [
              <button
                key={`slot-${row.hour}`}
                type="button"
                class={`slot slot--${state}${selected ? ' slot--selected' : ''}${focused ? ' slot--focused' : ''}`}
                data-focus-key={slotFocusKey(dateKey, row.hour)}
                aria-label={rowLabel(row, time)}
                disabled={!bookable}
                onClick={() => props.onSelectSlot(row.hour)}
              >
                <span class="slot__label">{time}</span>
              </button>,
              block ? (
                <BookingBlock
                  key={`block-${block.start}`}
                  dateKey={dateKey}
                  block={block}
                  row={block.visibleStart - firstHour}
                  color={props.colorOf(block.booking.user)}
                  offset={offset}
                  variant="day"
                  glowing={props.isGlowing?.(dateKey, block.start)}
                  onOpen={props.onOpenBooking}
                />
              ) : null,
            ];
          })}
          {nowRow >= 0 && props.nowLine ? (
            <div
              class="now-line"
              style={{ '--row': nowRow, '--fraction': props.nowLine.fraction }}
              aria-hidden="true"
            />
          ) : null}
          {props.moveGhost ? (
            <MoveGhost
              ghost={props.moveGhost}
              firstHour={firstHour}
              lastHour={rows[rows.length - 1]?.hour ?? firstHour}
              offset={offset}
            />
          ) : null}
        </div>
      )}
    </section>
  );
}
