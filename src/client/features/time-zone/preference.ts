/**
 * The display time-zone preference (PRODUCT.md §2.7): localStorage `cps-timezone-preference`,
 * "NSW" or "QLD", read synchronously before the first render; storage errors are ignored.
 */
export const TIMEZONE_PREFERENCE_KEY = 'cps-timezone-preference';

/** True when the secondary zone (NSW) was chosen last time; false when unset or unreadable. */
export function readZonePreference(): boolean {
  try {
    return localStorage.getItem(TIMEZONE_PREFERENCE_KEY) === 'NSW';
  } catch {
    return false;
  }
}

export function writeZonePreference(useSecondary: boolean): void {
  try {
    localStorage.setItem(TIMEZONE_PREFERENCE_KEY, useSecondary ? 'NSW' : 'QLD');
  } catch {
    // Not remembered, but the toggle still works in memory (§9 #42).
  }
}
