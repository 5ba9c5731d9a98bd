/**
 * Hourbook's web client: loads the config, then runs the calendar (PRODUCT.md §6). State that
 * can be derived (rows, blocks, Book Now, the popup's booking) is derived on each render.
 */
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { canBook, canChangeDuration, isSlotPast } from '../core/bookings.js';
import { formatOffsetHours } from '../core/format.js';
import { timeKeyOfHour } from '../core/time.js';
import type { DateKey } from '../core/time.js';
import { useHourlyNow } from './features/clock/use-hourly-now.js';
import { BookingPanel } from './features/booking-panel/booking-panel.js';
import { BookingPopup } from './features/booking-popup/booking-popup.js';
import {
  blocksOf,
  bookNowTarget,
  businessNow,
  dayViewRows,
  focusCandidates,
  nextFocus,
} from './features/calendar/day-model.js';
import { DayView } from './features/calendar/day-view.js';
import { initialUiState, modeOf, reduceUi } from './lib/ui-state.js';
import { WeekView } from './features/calendar/week-view.js';
import { colorOf, hotkeysOf } from './lib/client-config.js';
import type { ClientConfig } from './lib/client-config.js';
import { useConfig } from './features/config/use-config.js';
import { AppHeader } from './features/header/app-header.js';
import { DateNav } from './features/header/date-nav.js';
import { SyncIndicator } from './features/sync/sync-indicator.js';
import { blockFocusKey, focusFirst, slotFocusKey } from './lib/focus-key.js';
import type { ShortcutAction } from './features/keyboard/shortcuts.js';
import { useShortcuts } from './features/keyboard/use-shortcuts.js';
import { MessageList } from './features/messages/message-list.js';
import { useMessages } from './features/messages/use-messages.js';
import { useSync } from './features/sync/use-sync.js';
import { displayOffsetFor } from './features/time-zone/display-offset.js';
import { readZonePreference, writeZonePreference } from './features/time-zone/preference.js';
import { USE_API } from './env.js';

export function App() {
  const config = useConfig();
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
  const { messages, show, dismiss } = useMessages();
  const { snapshot, submit } = useSync(config, show);
  const now = useHourlyNow(rules.timeZone);
  const { today } = businessNow(now, rules);
  const [ui, dispatch] = useReducer(reduceUi, undefined, () =>
    initialUiState(businessNow(Date.now(), rules).today, readZonePreference()),
  );
  // Focus to restore once its target renders: kept for a moment, as optimistic rows and
  // blocks can appear one render after the dialog closes.
  const pendingFocus = useRef<{ keys: string[]; until: number } | null>(null);
  const restoreFocus = (keys: string[]) => {
    pendingFocus.current = { keys, until: Date.now() + 2000 };
  };
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
  const offset = offsetOf(ui.currentDate);
  const zoneLabel = ui.useSecondaryZone
    ? `${rules.secondaryTimeZoneLabel} ${formatOffsetHours(offset)}`
    : rules.timeZoneLabel;

  const slot = ui.selectedSlot;
  const slotDay = slot ? (blob[slot.dateKey] ?? {}) : {};
  const editing = ui.selectedBooking;
  const editingDay = editing ? (blob[editing.dateKey] ?? {}) : {};
  const editingBooking = editing ? editingDay[timeKeyOfHour(editing.hour)] : undefined;

  // The popup follows the synced booking and closes once it is gone (§6.2).
  useEffect(() => {
    if (editing && !editingBooking && snapshot.loaded) {
      restoreFocus([slotFocusKey(editing.dateKey, editing.hour)]);
      dispatch({ type: 'close-popup' });
    }
  }, [editing, editingBooking, snapshot.loaded]);

  useLayoutEffect(() => {
    const pending = pendingFocus.current;
    if (!pending) return;
    if (Date.now() > pending.until || focusFirst(pending.keys)) pendingFocus.current = null;
  });

  useEffect(() => {
    document.body.classList.toggle('scroll-locked', mode !== 'navigation');
  }, [mode]);

  useEffect(() => {
    document.title = config.title;
  }, [config.title]);

  // A mark for the e2e timing of "page load to first rendered day view" (issue 4 targets).
  useLayoutEffect(() => {
    if (snapshot.loaded) performance.mark('hourbook:calendar-ready');
  }, [snapshot.loaded]);

  const returnKeys = useRef<string[]>([]);
  const openSlot = (dateKey: DateKey, hour: number) => {
    pendingFocus.current = null;
    returnKeys.current = [slotFocusKey(dateKey, hour), blockFocusKey(dateKey, hour)];
    dispatch({ type: 'open-panel', slot: { dateKey, hour } });
  };
  const closeWithFocus = (event: { type: 'close-panel' } | { type: 'close-popup' }, keys = returnKeys.current) => {
    restoreFocus(keys);
    dispatch(event);
  };
  const openBooking = (dateKey: DateKey, start: number) => {
    returnKeys.current = [blockFocusKey(dateKey, start), slotFocusKey(dateKey, start)];
    dispatch({ type: 'open-popup', booking: { dateKey, hour: start } });
  };

  const createWith = (hours: number): boolean => {
    if (!slot || !ui.selectedUser) return false;
    if (isSlotPast(slot.dateKey, slot.hour, Date.now(), rules.timeZone)) {
      show(`${timeKeyOfHour(slot.hour)} has already ended`);
      closeWithFocus({ type: 'close-panel' });
      return true;
    }
    if (!canBook(slotDay, slot.hour, hours, rules)) return false;
    submit({
      kind: 'create',
      dateKey: slot.dateKey,
      timeKey: timeKeyOfHour(slot.hour),
      booking: { user: ui.selectedUser, duration: hours },
    });
    closeWithFocus({ type: 'close-panel' }, [blockFocusKey(slot.dateKey, slot.hour)]);
    return true;
  };

  const reassign = (name: string): boolean => {
    if (!editing || !editingBooking) return false;
    if (name !== editingBooking.user) {
      submit({
        kind: 'update',
        dateKey: editing.dateKey,
        timeKey: timeKeyOfHour(editing.hour),
        updates: { user: name },
      });
    }
    return true;
  };

  const resize = (hours: number): boolean => {
    if (!editing || !editingBooking) return false;
    if (hours === editingBooking.duration) return true;
    if (!canChangeDuration(editingDay, editing.hour, hours, rules)) return false;
    submit({
      kind: 'update',
      dateKey: editing.dateKey,
      timeKey: timeKeyOfHour(editing.hour),
      updates: { duration: hours },
    });
    return true;
  };

  const remove = () => {
    if (!editing) return;
    submit({ kind: 'delete', dateKey: editing.dateKey, timeKey: timeKeyOfHour(editing.hour) });
    closeWithFocus({ type: 'close-popup' }, [slotFocusKey(editing.dateKey, editing.hour)]);
  };

  const toggleZone = () => {
    writeZonePreference(!ui.useSecondaryZone);
    dispatch({ type: 'toggle-zone' });
  };

  const startBookNow = () => {
    if (bookNow) openSlot(bookNow.dateKey, bookNow.hour);
  };

  const perform = (action: ShortcutAction): boolean => {
    switch (action.type) {
      case 'navigate':
        dispatch({ type: 'navigate', direction: action.direction });
        return true;
      case 'move-focus': {
        const hour = nextFocus(candidates, focusedHour, action.direction);
        if (hour === null) return false;
        restoreFocus([slotFocusKey(ui.currentDate, hour)]);
        dispatch({ type: 'focus-hour', hour });
        return true;
      }
      case 'open-focused':
        if (focusedHour === null) return false;
        openSlot(ui.currentDate, focusedHour);
        return true;
      case 'toggle-view':
        dispatch({ type: 'toggle-view' });
        return true;
      case 'toggle-zone':
        toggleZone();
        return true;
      case 'book-now':
        startBookNow();
        return true;
      case 'select-user':
        if (mode === 'popup') return reassign(action.name);
        dispatch({ type: 'select-user', name: action.name });
        return true;
      case 'choose-duration':
        return mode === 'popup' ? resize(action.hours) : createWith(action.hours);
      case 'delete':
        remove();
        return true;
      case 'close':
        closeWithFocus(mode === 'popup' ? { type: 'close-popup' } : { type: 'close-panel' });
        return true;
    }
  };

  useShortcuts(
    true,
    { mode, view: ui.view, bookNowVisible: bookNow !== null, hotkeys, maxDuration: rules.maxDuration },
    perform,
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
          status={<SyncIndicator status={snapshot.status} queued={snapshot.queued} demo={!USE_API} />}
        />
        <DateNav
          view={ui.view}
          currentDate={ui.currentDate}
          today={today}
          onNavigate={(direction) => dispatch({ type: 'navigate', direction })}
          onGoTo={(dateKey) => dispatch({ type: 'go-to-date', dateKey })}
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
            onSelectSlot={(hour) => openSlot(ui.currentDate, hour)}
            onOpenBooking={openBooking}
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
            onSelectSlot={openSlot}
            onOpenBooking={openBooking}
          />
        )}
      </main>
      {panelOpen ? (
        <BookingPanel
          key={`${slot.dateKey}-${slot.hour}`}
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
          onChooseDuration={createWith}
          onCancel={() => closeWithFocus({ type: 'close-panel' })}
        />
      ) : null}
      {editing && editingBooking ? (
        <BookingPopup
          key={`${editing.dateKey}-${editing.hour}`}
          start={editing.hour}
          booking={editingBooking}
          day={editingDay}
          rules={rules}
          users={config.users}
          offset={offsetOf(editing.dateKey)}
          hotkeyOf={hotkeyOf}
          colorOf={colorOfUser}
          onSelectUser={reassign}
          onChooseDuration={resize}
          onDelete={remove}
          onClose={() => closeWithFocus({ type: 'close-popup' })}
        />
      ) : null}
      <MessageList messages={messages} onDismiss={dismiss} />
    </div>
  );
}
