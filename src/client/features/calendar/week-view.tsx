/**
 * The Monday–Sunday grid (PRODUCT.md §6.7, §8.6): a labelled table, day headers that open the
 * day view, row tooltips, and booking blocks drawn from the cell of their first visible hour.
 * It is a WAI-ARIA grid (issue 9 §10): one tab stop, the focused cell, whose arrows are the
 * shortcut table's; each cell is named by date, hour and state.
 */
import {
  dayOfMonth,
  formatHourShort,
  formatLongDate,
  formatMonthDayYear,
  formatShortDate,
  formatShortWeekday,
  formatTimeLabel,
} from '../../../core/format.js';
import type { BookingsBlob } from '../../../core/bookings.js';
import type { BookingRules } from '../../../core/rules.js';
import { addDays, startOfWeek } from '../../../core/time.js';
import type { DateKey } from '../../../core/time.js';
import { slotFocusKey } from '../../lib/focus-key.js';
import { BookingBlock } from './booking-block.js';
import { allRows, blocksOf, businessNow, dayKindOf, isBookable } from './day-model.js';
import type { BlockModel, HourRow, NowLine } from './day-model.js';

interface Props {
  blob: BookingsBlob;
  currentDate: DateKey;
  now: number;
  rules: BookingRules;
  offsetOf(dateKey: DateKey): number;
  colorOf(name: string): number;
  onOpenDay(dateKey: DateKey): void;
  onSelectSlot(dateKey: DateKey, hour: number): void;
  onOpenBooking(dateKey: DateKey, start: number): void;
  /** The current time, drawn as a line across its cell in today's column (issue 9 §11). */
  nowLine?: NowLine | null;
  isGlowing?(dateKey: DateKey, hour: number): boolean;
  /** The cell that holds the grid's one tab stop (roving tabindex). */
  focusCell: { dateKey: DateKey; hour: number };
  /** Focus reached another cell (a click, or a block inside it): it becomes the focused cell. */
  onFocusCell(dateKey: DateKey, hour: number): void;
}

interface Column {
  dateKey: DateKey;
  rows: HourRow[];
  blockAt: Map<number, BlockModel>;
  offset: number;
}

function tooltip(row: HourRow, time: string): string {
  if (row.holder && row.occupancy === 'booked') {
    return `${time}: ${row.holder.booking.user} (${row.holder.booking.duration}hr)`;
  }
  if (row.holder) return `${time}: Blocked by ${row.holder.booking.user}`;
  return row.past ? `${time}: Past` : `${time}: Available`;
}

/** The cell's accessible name: `Tue 24 Nov, 10 AM, available` or `…, booked by Jack`. */
function cellLabel(dateKey: DateKey, row: HourRow, offset: number): string {
  const when = `${formatShortDate(dateKey)}, ${formatHourShort(row.hour, offset)}`;
  const state = row.holder ? `booked by ${row.holder.booking.user}` : 'available';
  return row.past ? `${when}, ${state}, past` : `${when}, ${state}`;
}

export function WeekView(props: Props) {
  const { blob, currentDate, now, rules } = props;
  const { today, hour: currentHour } = businessNow(now, rules);
  const monday = startOfWeek(currentDate);
  // Each day is indexed once: O(bookings of the week), no per-cell scans of the blob.
  const columns: Column[] = Array.from({ length: 7 }, (_, index) => {
    const dateKey = addDays(monday, index);
    const day = blob[dateKey] ?? {};
    const kind = dayKindOf(dateKey, today);
    const firstHour = kind === 'today' ? Math.max(rules.openHour, currentHour) : rules.openHour;
    const blocks = blocksOf(day, firstHour, kind === 'past');
    return {
      dateKey,
      rows: allRows(dateKey, day, now, rules),
      blockAt: new Map(blocks.map((block) => [block.visibleStart, block])),
      offset: props.offsetOf(dateKey),
    };
  });
  const timeOffset = props.offsetOf(currentDate);
  const hours = columns[0]?.rows.map((row) => row.hour) ?? [];
  return (
    <div class="week-scroll">
      <table
        class="week-grid"
        role="grid"
        aria-label={`Week of ${formatMonthDayYear(monday)}`}
        style={{ '--rows': hours.length }}
      >
        <thead>
          <tr>
            <td class="week-corner" />
            {columns.map((column) => (
              <th
                scope="col"
                key={column.dateKey}
                class={`week-head${column.dateKey === today ? ' week-head--today' : ''}${column.dateKey === currentDate ? ' week-head--current' : ''}`}
              >
                {column.dateKey === currentDate ? <span class="week-tint" aria-hidden="true" /> : null}
                <button
                  type="button"
                  class="week-head__button"
                  // The grid is one tab stop; from a cell, W opens its day.
                  tabIndex={-1}
                  onClick={() => props.onOpenDay(column.dateKey)}
                >
                  {/* Named by the full date; the short face is its visible abbreviation. */}
                  <span class="week-head__name" aria-hidden="true">
                    {formatShortWeekday(column.dateKey)}
                  </span>
                  <span class="week-head__date" aria-hidden="true">
                    {dayOfMonth(column.dateKey)}
                  </span>
                  <span class="sr-only">{formatLongDate(column.dateKey)}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {hours.map((hour, rowIndex) => (
            <tr key={hour}>
              <th scope="row" class="week-time">
                {formatTimeLabel(hour, timeOffset)}
              </th>
              {columns.map((column) => {
                const row = column.rows[rowIndex] as HourRow;
                const bookable = isBookable(row);
                const block = column.blockAt.get(hour);
                const state = row.past ? 'past' : row.occupancy;
                const nowHere = props.nowLine?.dateKey === column.dateKey && props.nowLine.hour === hour;
                const roving = props.focusCell.dateKey === column.dateKey && props.focusCell.hour === hour;
                return (
                  <td
                    key={column.dateKey}
                    class={`week-cell week-cell--${state}`}
                    tabIndex={roving ? 0 : -1}
                    data-focus-key={slotFocusKey(column.dateKey, hour)}
                    aria-label={cellLabel(column.dateKey, row, column.offset)}
                    title={tooltip(row, formatTimeLabel(hour, column.offset))}
                    onFocusIn={roving ? undefined : () => props.onFocusCell(column.dateKey, hour)}
                    onClick={bookable ? () => props.onSelectSlot(column.dateKey, hour) : undefined}
                  >
                    {block ? (
                      <BookingBlock
                        dateKey={column.dateKey}
                        block={block}
                        row={0}
                        color={props.colorOf(block.booking.user)}
                        offset={column.offset}
                        variant="week"
                        glowing={props.isGlowing?.(column.dateKey, block.start)}
                        onOpen={props.onOpenBooking}
                      />
                    ) : null}
                    {nowHere && props.nowLine ? (
                      <span
                        class="now-line now-line--week"
                        style={{ '--fraction': props.nowLine.fraction }}
                        aria-hidden="true"
                      />
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
