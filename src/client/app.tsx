/**
 * Hourbook's web client: loads the config, then runs the calendar (PRODUCT.md §6); shows the
 * access-code prompt instead whenever the instance asks for its code (issue 10 §4). State that
 * can be derived (rows, blocks, Book Now, the popup's booking) is derived on each render.
 */
import { useEffect, useLayoutEffect, useMemo, useReducer } from 'preact/hooks';
import { isSlotPast } from '../core/bookings.js';
import { formatBlockRange, formatOffsetHours } from '../core/format.js';
import { hourOfTimeKey, timeKeyOfHour } from '../core/time.js';
import type { DateKey } from '../core/time.js';
import { AccessPrompt } from './features/access/access-prompt.js';
import { useAccess } from './features/access/use-access.js';
import { bookingCommands } from './features/booking-commands/booking-commands.js';
import { BookingPanel } from './features/booking-panel/booking-panel.js';
import { BookingPopup } from './features/booking-popup/booking-popup.js';
import {
  blocksOf,
  bookNowTarget,
  businessNow,
  dayViewRows,
  focusCandidates,
  nowLineOf,
  weekCellTarget,
} from './features/calendar/day-model.js';
import { DayView } from './features/calendar/day-view.js';
import { useConfirmationGlow } from './features/calendar/use-confirmation-glow.js';
import { WeekView } from './features/calendar/week-view.js';
import { useHourlyNow } from './features/clock/use-hourly-now.js';
import { useMinuteNow } from './features/clock/use-minute-now.js';
import { useConfig } from './features/config/use-config.js';
import { AppHeader } from './features/header/app-header.js';
import { DateNav } from './features/header/date-nav.js';
import { performShortcut } from './features/keyboard/perform-shortcut.js';
import { helpSections } from './features/keyboard/shortcut-help.js';
import { ShortcutHelpDialog } from './features/keyboard/shortcut-help-dialog.js';
import { useDialogFocus } from './features/keyboard/use-dialog-focus.js';
import { useShortcutHelp } from './features/keyboard/use-shortcut-help.js';
import { useShortcuts } from './features/keyboard/use-shortcuts.js';
import { entryWeekCell } from './features/keyboard/week-cell-focus.js';
import { MessageList } from './features/messages/message-list.js';
import { useMessages } from './features/messages/use-messages.js';
import { newestOffer } from './features/messages/undo-offer.js';
import { MoveBar } from './features/move-booking/move-bar.js';
import { moveCommands, movePreviewOf } from './features/move-booking/move-commands.js';
import { SyncIndicator } from './features/sync/sync-indicator.js';
import { useSync } from './features/sync/use-sync.js';
import { displayOffsetFor } from './features/time-zone/display-offset.js';
import { readZonePreference, writeZonePreference } from './features/time-zone/preference.js';
import { undoableOf } from './features/undo/undo-change.js';
import { colorOf, hotkeysOf } from './lib/client-config.js';
import type { ClientConfig } from './lib/client-config.js';
import { slotFocusKey } from './lib/focus-key.js';
import { initialUiState, modeOf, reduceUi } from './lib/ui-state.js';
import type { WriteChange } from './lib/write-op.js';
import { USE_API } from './env.js';

export function App() {
  const access = useAccess();
  const { config, missing } = useConfig(access.attempt);
  if (access.locked) return <AccessPrompt onUnlocked={access.unlocked} />;
  if (missing) {
    return (
      <main class="loading">
        <h1>Instance not found</h1>
        <p>No Hourbook calendar lives at this address.</p>
      </main>
    );
  }
  if (!config) {
    return (
      <div class="loading">
        <div class="spinner" aria-hidden="true" />
        <p>Loading configuration...</p>
      </div>
    );
  }
  return <Calendar config={config} />;
}

function Calendar({ config }: { config: ClientConfig }) {
  const { rules } = config;
  const { messages, show, dismiss, act } = useMessages();
  const glow = useConfirmationGlow();
  const { snapshot, submit } = useSync(config, {
    onMessage: (message) => show(message.describe, { sticky: message.sticky, news: message.news }),
    onConfirmed: (op) => (op.kind === 'create' ? glow.mark(op.dateKey, hourOfTimeKey(op.timeKey)) : undefined),
  });
  const now = useHourlyNow(rules.timeZone);
  const minuteNow = useMinuteNow();
  const nowLine = nowLineOf(minuteNow, rules);
  const { today, hour: currentHour } = businessNow(now, rules);
  const [ui, dispatch] = useReducer(reduceUi, undefined, () =>
    initialUiState(businessNow(Date.now(), rules).today, readZonePreference()),
  );
  const dialog = useDialogFocus(dispatch);
  const help = useShortcutHelp();
  const { blob } = snapshot;
  const mode = modeOf(ui);

  const hotkeys = useMemo(() => hotkeysOf(config), [config]);
  const hotkeyByName = useMemo(() => new Map([...hotkeys].map(([key, name]) => [name, key])), [hotkeys]);
  const hotkeyOf = (name: string) => hotkeyByName.get(name);
  const colorOfUser = (name: string) => colorOf(config, name);
  const offsetOf = (dateKey: DateKey) => displayOffsetFor(dateKey, rules, ui.useSecondaryZone);

  const day = blob[ui.currentDate] ?? {};
  const rows = dayViewRows(ui.currentDate, day, now, rules, today);
  const firstHour = rows[0]?.hour ?? rules.closeHour;
  const blocks = blocksOf(day, firstHour, ui.currentDate < today);
  const candidates = focusCandidates(rows);
  const focusedHour = ui.focusedHour !== null && candidates.includes(ui.focusedHour) ? ui.focusedHour : null;
  const bookNow = snapshot.loaded ? bookNowTarget(blob, now, rules) : null;
  // The week grid's focused cell is on the viewed date (issue 9 §10).
  const weekCell = entryWeekCell(ui.currentDate, { today, hour: currentHour }, ui.focusedHour, rules);
  const openWeekCell = (cell: { dateKey: DateKey; hour: number }) => {
    const target = weekCellTarget(rows, blocks, cell.hour);
    if (target?.kind === 'slot') dialog.openSlot(cell.dateKey, cell.hour);
    else if (target) dialog.openBooking(cell.dateKey, target.start);
    return target !== null;
  };
  const offset = offsetOf(ui.currentDate);
  const zoneLabel = ui.useSecondaryZone
    ? `${rules.secondaryTimeZoneLabel} ${formatOffsetHours(offset)}`
    : rules.timeZoneLabel;

  const slot = ui.selectedSlot;
  const slotDay = slot ? (blob[slot.dateKey] ?? {}) : {};
  const editing = ui.selectedBooking;
  const editingDay = editing ? (blob[editing.dateKey] ?? {}) : {};
  const editingBooking = editing ? editingDay[timeKeyOfHour(editing.hour)] : undefined;
  // A change to an existing booking is offered for undo (issue 9 §8): Undo submits its reverse.
  const submitUndoable = (change: WriteChange) => {
    const at = { rules, now: Date.now() };
    const undoable = undoableOf(change, blob, { ...at, offsetOf });
    submit(change);
    // Worded again at each render, so its times follow the time-zone toggle (issue 9 §4).
    const text = (shown: typeof offsetOf) => undoableOf(change, blob, { ...at, offsetOf: shown })?.text ?? '';
    if (undoable) show(text, { action: { label: 'Undo', run: () => submit(undoable.undo) } });
  };
  const commands = bookingCommands({
    ui,
    blob,
    rules,
    clock: Date.now,
    submit: submitUndoable,
    show,
    close: dialog.close,
  });
  const move = moveCommands({
    editing,
    moving: ui.moving,
    blob,
    rules,
    clock: Date.now,
    submit: submitUndoable,
    dispatch,
    restoreFocus: dialog.restoreFocus,
  });
  const movePreview = ui.moving ? movePreviewOf(ui.moving, blob, rules, now) : null;

  // A booking someone else removed while it was being moved: nothing left to move.
  useEffect(() => {
    if (ui.moving && !movePreview && snapshot.loaded) dispatch({ type: 'end-move' });
  }, [ui.moving, movePreview, snapshot.loaded]);

  // The popup follows the synced booking and closes once it is gone (§6.2).
  useEffect(() => {
    if (editing && !editingBooking && snapshot.loaded) {
      dialog.restoreFocus([slotFocusKey(editing.dateKey, editing.hour)]);
      dispatch({ type: 'close-popup' });
    }
  }, [editing, editingBooking, snapshot.loaded]);

  useEffect(() => {
    // Picking a move target keeps the page scrollable: the new slot may be further down.
    document.body.classList.toggle('scroll-locked', mode === 'panel' || mode === 'popup');
  }, [mode]);

  useEffect(() => {
    document.title = config.title;
  }, [config.title]);

  // A mark for the e2e timing of "page load to first rendered day view" (issue 4 targets).
  useLayoutEffect(() => {
    if (snapshot.loaded) performance.mark('hourbook:calendar-ready');
  }, [snapshot.loaded]);

  const toggleZone = () => {
    writeZonePreference(!ui.useSecondaryZone);
    dispatch({ type: 'toggle-zone' });
  };
  const startBookNow = () => {
    if (bookNow) dialog.openSlot(bookNow.dateKey, bookNow.hour);
  };

  const shortcutContext = {
    mode,
    view: ui.view,
    bookNowVisible: bookNow !== null,
    hotkeys,
    maxDuration: rules.maxDuration,
    helpOpen: help.isOpen,
    undoOffered: newestOffer(messages) !== undefined,
  };
  useShortcuts(true, shortcutContext, (action) =>
    performShortcut(action, {
      mode,
      currentDate: ui.currentDate,
      focusCandidates: candidates,
      focusedHour,
      weekCell,
      gridHours: rules,
      openCell: openWeekCell,
      help,
      undo: () => {
        const offer = newestOffer(messages);
        if (offer) act(offer);
        return offer !== undefined;
      },
      dispatch,
      restoreFocus: dialog.restoreFocus,
      openSlot: dialog.openSlot,
      close: (event) => dialog.close(event),
      toggleZone,
      bookNow: startBookNow,
      commands,
      move,
    }),
  );

  const panelOpen = mode === 'panel' && slot !== null;
  return (
    <div class={`app${panelOpen ? ' app--panel-open' : ''}`}>
      <header class="header">
        <AppHeader
          title={config.title}
          view={ui.view}
          bookNowVisible={bookNow !== null}
          zoneLabel={zoneLabel}
          useSecondaryZone={ui.useSecondaryZone}
          onBookNow={startBookNow}
          onToggleView={() => dispatch({ type: 'toggle-view' })}
          onToggleZone={toggleZone}
          onShowHelp={help.open}
          status={<SyncIndicator status={snapshot.status} queued={snapshot.queued} demo={!USE_API} />}
        />
        <DateNav
          view={ui.view}
          currentDate={ui.currentDate}
          today={today}
          onNavigate={(direction) => dispatch({ type: 'navigate', direction })}
          onGoTo={(dateKey) => dispatch({ type: 'go-to-date', dateKey })}
          onShowHelp={help.open}
        />
      </header>
      <main class={`main main--${ui.view}`}>
        {!snapshot.loaded ? (
          <div class="day-strip day-strip--loading">
            <div class="spinner" aria-hidden="true" />
            <p>Loading bookings...</p>
          </div>
        ) : ui.view === 'day' ? (
          <DayView
            key={`day-${ui.currentDate}`}
            dateKey={ui.currentDate}
            rows={rows}
            blocks={blocks}
            offset={offset}
            selectedHour={slot && slot.dateKey === ui.currentDate ? slot.hour : null}
            focusedHour={focusedHour}
            colorOf={colorOfUser}
            onSelectSlot={(hour) =>
              mode === 'move' ? move.pick({ dateKey: ui.currentDate, hour }) : dialog.openSlot(ui.currentDate, hour)
            }
            onOpenBooking={(dateKey, start) => (mode === 'move' ? undefined : dialog.openBooking(dateKey, start))}
            nowLine={nowLine}
            isGlowing={glow.isGlowing}
            moveGhost={
              movePreview && movePreview.to.dateKey === ui.currentDate
                ? {
                    user: movePreview.booking.user,
                    start: movePreview.to.hour,
                    end: movePreview.end,
                    fits: movePreview.fits,
                  }
                : null
            }
          />
        ) : (
          <WeekView
            blob={blob}
            currentDate={ui.currentDate}
            now={now}
            rules={rules}
            offsetOf={offsetOf}
            colorOf={colorOfUser}
            onOpenDay={(dateKey) => {
              dispatch({ type: 'go-to-date', dateKey });
              dispatch({ type: 'toggle-view' });
            }}
            onSelectSlot={dialog.openSlot}
            onOpenBooking={dialog.openBooking}
            nowLine={nowLine}
            isGlowing={glow.isGlowing}
            focusCell={weekCell}
            onFocusCell={(dateKey, hour) => dispatch({ type: 'focus-cell', cell: { dateKey, hour } })}
          />
        )}
      </main>
      {panelOpen ? (
        <BookingPanel
          key={`${slot.dateKey}-${slot.hour}`}
          dateKey={slot.dateKey}
          hour={slot.hour}
          day={slotDay}
          past={isSlotPast(slot.dateKey, slot.hour, now, rules.timeZone)}
          rules={rules}
          users={config.users}
          selectedUser={ui.selectedUser}
          offset={offsetOf(slot.dateKey)}
          hotkeyOf={hotkeyOf}
          colorOf={colorOfUser}
          onSelectUser={(name) => dispatch({ type: 'select-user', name })}
          onChooseDuration={commands.create}
          onCancel={() => dialog.close({ type: 'close-panel' })}
        />
      ) : null}
      {editing && editingBooking ? (
        <BookingPopup
          key={`${editing.dateKey}-${editing.hour}`}
          dateKey={editing.dateKey}
          start={editing.hour}
          booking={editingBooking}
          day={editingDay}
          rules={rules}
          users={config.users}
          offset={offsetOf(editing.dateKey)}
          hotkeyOf={hotkeyOf}
          colorOf={colorOfUser}
          onSelectUser={commands.reassign}
          onChooseDuration={commands.resize}
          onDelete={commands.remove}
          onMove={() => move.start()}
          onClose={() => dialog.close({ type: 'close-popup' })}
        />
      ) : null}
      {ui.moving && movePreview ? (
        <MoveBar
          preview={movePreview}
          fromRange={formatBlockRange(
            ui.moving.from.hour,
            ui.moving.from.hour + movePreview.booking.duration,
            offsetOf(ui.moving.from.dateKey),
          )}
          offset={offsetOf(movePreview.to.dateKey)}
          onConfirm={() => move.confirm()}
          onCancel={move.cancel}
        />
      ) : null}
      {help.isOpen ? <ShortcutHelpDialog sections={helpSections(shortcutContext)} onClose={help.close} /> : null}
      <MessageList messages={messages} offsetOf={offsetOf} onDismiss={dismiss} onAct={act} />
    </div>
  );
}
