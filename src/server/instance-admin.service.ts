/**
 * Administering instances (issue 10 §2), written once for the admin API
 * (routes/admin.route.ts) and the CLI's `instances` commands: list, show, create, update with
 * the orphan check, delete. It returns data or throws the typed errors of src/core/errors.ts;
 * the caller picks the status code or exit code. An access code arrives in plain text and is
 * stored only as `accessCodeHash`, which nothing here ever hands back.
 */
import { resolveInstanceConfig, SLUG_PATTERN } from '../core/config.js';
import { parseConfigInput } from '../core/config-input.js';
import { BookingsAffectedError, ConflictError, NotFoundError } from '../core/errors.js';
import { findAffectedBookings } from '../core/instance-change.js';
import type { AffectedBooking } from '../core/instance-change.js';
import { rulesOf } from '../core/rules.js';
import type { DateKey } from '../core/time.js';
import { zonedParts } from '../core/time.js';
import type { Store, StoredConfig } from '../storage/store.js';
import { hashAccessCode } from './access-code.js';

/** An instance as the admin API and CLI show it: its stored config, never its access code. */
export type AdminInstance = Record<string, unknown>;

/** What an update did: the instance as stored now, and the bookings it affected (when forced). */
export interface InstanceUpdate {
  instance: AdminInstance;
  affected: AffectedBooking[];
}

export interface InstanceAdmin {
  /** Every instance, sorted by slug; the default one always, on its default roster when none is stored. */
  list(): Promise<AdminInstance[]>;
  /** One instance; throws `NotFoundError('Instance not found')`. */
  get(slug: string): Promise<AdminInstance>;
  /** Creates an instance from `input`; throws `ValidationError` (with fields) or `ConflictError('Instance already exists')`. */
  create(input: unknown): Promise<AdminInstance>;
  /**
   * Replaces the config of `slug` with `input` (its `slug` and `createdAt` may be left out; an
   * omitted `accessCode` keeps the one set). Throws `BookingsAffectedError` when bookings from
   * today on would no longer fit, unless `force`, which applies it and reports them.
   */
  update(slug: string, input: unknown, options?: { force?: boolean }): Promise<InstanceUpdate>;
  /** Deletes everything of `slug`; throws `ConflictError` for the default instance, `NotFoundError` for none. */
  remove(slug: string): Promise<void>;
}

export interface InstanceAdminOptions {
  store: Store;
  /** `INSTANCE_SLUG`: it always exists and cannot be deleted. */
  defaultSlug: string;
  /** Current instant in epoch ms. */
  clock: () => number;
  /** Called with the slug after each create, update and remove, e.g. to drop a cached lookup. */
  onChange?: (slug: string) => void;
}

const INSTANCE_NOT_FOUND = 'Instance not found';
const DEFAULT_INSTANCE_UNDELETABLE = 'The default instance cannot be deleted';
/** `to` of a date range that reaches every booking from a day on. */
const LAST_DATE = '9999-12-31' as DateKey;

function parsedOrNull(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The administration of every instance in `store`. */
export function createInstanceAdmin(options: InstanceAdminOptions): InstanceAdmin {
  const { store, defaultSlug, clock } = options;
  const changed = options.onChange ?? (() => undefined);
  const nowIso = () => new Date(clock()).toISOString();

  function resolve(slug: string, stored: StoredConfig) {
    return resolveInstanceConfig(parsedOrNull(stored.text), slug, nowIso());
  }

  /** The stored config as shown (without its hash); a damaged one as the config it runs on. */
  function shown(slug: string, stored: StoredConfig): AdminInstance {
    const resolved = resolve(slug, stored);
    const raw = resolved.raw;
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? (raw as AdminInstance)
      : { ...resolved.config };
  }

  /** The stored config of an existing instance; throws `NotFoundError` for a slug that is none. */
  async function existing(slug: string): Promise<StoredConfig> {
    if (!SLUG_PATTERN.test(slug)) throw new NotFoundError(INSTANCE_NOT_FOUND);
    const stored = await store.instances.getConfig(slug);
    if (stored.text === null && slug !== defaultSlug) throw new NotFoundError(INSTANCE_NOT_FOUND);
    return stored;
  }

  /** What is stored for a checked input: the config, plus the hash of its access code if it has one. */
  async function storedForm(
    config: Record<string, unknown>,
    accessCode: string | null | undefined,
    currentHash: string | null,
  ): Promise<Record<string, unknown>> {
    const hash = accessCode === undefined ? currentHash : accessCode === null ? null : await hashAccessCode(accessCode);
    return hash === null ? config : { ...config, accessCodeHash: hash };
  }

  return {
    list: async () => {
      const listed = await store.instances.list();
      const instances = listed.map(({ slug, config }) => ({ slug, shown: shown(slug, config) }));
      if (!listed.some((instance) => instance.slug === defaultSlug)) {
        instances.push({ slug: defaultSlug, shown: shown(defaultSlug, { text: null, version: 'none' }) });
        instances.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
      }
      return instances.map((instance) => instance.shown);
    },

    get: async (slug) => shown(slug, await existing(slug)),

    create: async (input) => {
      const { config, accessCode } = parseConfigInput(input, { createdAt: nowIso() });
      const stored = await storedForm(config, accessCode, null);
      await store.instances.create(config.slug, stored);
      changed(config.slug);
      return shown(config.slug, { text: JSON.stringify(stored), version: '' });
    },

    update: async (slug, input, { force = false } = {}) => {
      const current = await existing(slug);
      const before = resolve(slug, current);
      const { config, accessCode } = parseConfigInput(input, { slug, createdAt: before.config.createdAt });
      // "From today on" in the zone the bookings were made in: the one in force now.
      const today = zonedParts(clock(), rulesOf(before.config).timeZone).dateKey;
      const { bookings } = await store.bookings.list(slug, { from: today, to: LAST_DATE });
      const affected = findAffectedBookings(bookings, before.config, config, today);
      if (affected.length > 0 && !force) throw new BookingsAffectedError(affected);
      // A booking made between the read above and this write is validated against the old
      // config and not reported; the booking API re-validates against the new one from here on.
      const stored = await storedForm(config, accessCode, before.accessCodeHash);
      await store.instances.setConfig(slug, stored);
      changed(slug);
      return { instance: shown(slug, { text: JSON.stringify(stored), version: '' }), affected };
    },

    remove: async (slug) => {
      if (!SLUG_PATTERN.test(slug)) throw new NotFoundError(INSTANCE_NOT_FOUND);
      if (slug === defaultSlug) throw new ConflictError(DEFAULT_INSTANCE_UNDELETABLE);
      const existed = await store.instances.remove(slug);
      changed(slug);
      if (!existed) throw new NotFoundError(INSTANCE_NOT_FOUND);
    },
  };
}
