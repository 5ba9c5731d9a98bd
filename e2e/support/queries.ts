/**
 * The calendar's parts found by role and accessible name, as a person would find them (the
 * accessible-name contract of issue 4). Labels are display times: `9:00 AM`, `10 AM to 12 PM`.
 */
import type { Locator, Page } from 'playwright-core';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A day-view row, e.g. `slotRow(page, '9:00 AM', 'Available')`. */
export function slotRow(page: Page, time: string, state: 'Available' | 'Occupied' | 'Past'): Locator {
  const suffix = state === 'Available' ? 'Available, click to book' : state;
  return page.getByRole('button', { name: `${time} - ${suffix}`, exact: true });
}

/** Every day-view row in `state`. */
export function slotRows(page: Page, state: 'Available' | 'Occupied' | 'Past'): Locator {
  const suffix = state === 'Available' ? 'Available, click to book' : state;
  return page.getByRole('button', { name: new RegExp(`^\\d{1,2}:00 [AP]M - ${escape(suffix)}$`) });
}

/** A booking block, e.g. `bookingBlock(page, 'Jack', '9 AM', '11 AM')`. */
export function bookingBlock(page: Page | Locator, user: string, from: string, to: string): Locator {
  return page.getByRole('button', { name: `Booking by ${user} from ${from} to ${to}, click to edit`, exact: true });
}

/** Every booking block of `user` (any time). */
export function bookingBlocksOf(page: Page | Locator, user: string): Locator {
  return page.getByRole('button', { name: new RegExp(`^Booking by ${escape(user)} from `) });
}

export const bookingPanel = (page: Page) => page.getByRole('dialog', { name: 'Book Slot' });
export const bookingPopup = (page: Page) => page.getByRole('dialog', { name: 'Edit Booking' });

/** A person button in the panel or popup, named `[J] Jack`. */
export function personButton(dialog: Locator, name: string): Locator {
  return dialog.getByRole('button', { name: new RegExp(`(^|\\s|\\])${escape(name)}$`) });
}

/** A duration button, named `[1] 1 hour`, `[2] 2 hours`, … */
export function durationButton(dialog: Locator, hours: number): Locator {
  return dialog.getByRole('button', { name: new RegExp(`(^|\\s|\\])${hours} hours?$`) });
}

// Names contain the contract's words rather than equal them: WCAG 2.5.3 (label in name) wants the
// visible text in the name too, e.g. `[B] Book Now - Book current hour`.
export const bookNowButton = (page: Page) => page.getByRole('button', { name: 'Book current hour' });
export const timezoneToggle = (page: Page) => page.getByRole('button', { name: 'Toggle timezone display' });
export const viewToggle = (page: Page) => page.getByRole('button', { name: /\[W\] (Week|Day) View/ });
/** The long date heading, e.g. `Tuesday, November 24, 2026` (dialogs have level-2 headings too). */
export const dateHeading = (page: Page) =>
  page.getByRole('heading', { level: 2, name: /^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$/ });
/** The `Today` badge beside the date heading (the `Go to today` button is not it). */
export const todayBadge = (page: Page) => page.getByText('Today', { exact: true }).and(page.locator(':not(button)'));
export const syncIndicator = (page: Page) => page.locator('[data-sync-state]');

/** The week grid, labelled `Week of …`, whether built as an ARIA grid or a table. */
export function weekGrid(page: Page): Locator {
  return page.getByRole('grid', { name: /^Week of/ }).or(page.getByRole('table', { name: /^Week of/ }));
}
