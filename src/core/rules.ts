/**
 * The booking rules of an instance (operating hours, maximum duration, time zones) and the
 * original's default configuration (PRODUCT.md §3.2).
 */
import type { InstanceConfig } from './config.js';

export const DEFAULT_SLUG = 'cps-software';

/** The booking rules every check uses; derived from a config by `rulesOf`. */
export interface BookingRules {
  /** First bookable start hour, e.g. 6. */
  openHour: number;
  /** Closing hour: every booking must end by it, e.g. 22 (so the last start is 21). */
  closeHour: number;
  /** Longest booking in hours, e.g. 8. */
  maxDuration: number;
  /** IANA zone that dates, hours and "past" are reckoned in. */
  timeZone: string;
  /** IANA zone offered as a display-only alternative. */
  secondaryTimeZone: string;
  timeZoneLabel: string;
  secondaryTimeZoneLabel: string;
}

export const DEFAULT_RULES: BookingRules = {
  openHour: 6,
  closeHour: 22,
  maxDuration: 8,
  timeZone: 'Australia/Brisbane',
  secondaryTimeZone: 'Australia/Sydney',
  timeZoneLabel: 'QLD',
  secondaryTimeZoneLabel: 'NSW',
};

/** The rules of an instance: its own settings over the defaults. */
export function rulesOf(config: Partial<InstanceConfig>): BookingRules {
  return {
    openHour: config.openHour ?? DEFAULT_RULES.openHour,
    closeHour: config.closeHour ?? DEFAULT_RULES.closeHour,
    maxDuration: config.maxDuration ?? DEFAULT_RULES.maxDuration,
    timeZone: config.timeZone ?? DEFAULT_RULES.timeZone,
    secondaryTimeZone: config.secondaryTimeZone ?? DEFAULT_RULES.secondaryTimeZone,
    timeZoneLabel: config.timeZoneLabel ?? DEFAULT_RULES.timeZoneLabel,
    secondaryTimeZoneLabel: config.secondaryTimeZoneLabel ?? DEFAULT_RULES.secondaryTimeZoneLabel,
  };
}

/** The original's default configuration (PRODUCT.md §3.2) for `slug`, stamped `createdAt`. */
export function defaultConfig(slug: string, createdAt: string): InstanceConfig {
  return {
    slug,
    title: 'CPS Software Booking',
    users: [
      { name: 'Jack', key: 'j' },
      { name: 'Bonnie', key: 'b' },
      { name: 'Giuliano', key: 'g' },
      { name: 'John', key: 'h' },
      { name: 'Rue', key: 'r' },
      { name: 'Joel', key: 'l' },
    ],
    createdAt,
  };
}
