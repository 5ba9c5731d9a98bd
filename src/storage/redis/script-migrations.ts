/**
 * The migrations of the Redis backends (issue 3 §5, issue 8 §6): the original's blob into the
 * store's layout, and Hourbook's untagged layout into the tagged one. On a single Redis the blob
 * moves in one atomic script; on a cluster, where its keys live in other slots, in idempotent
 * steps. Split from script-store.ts, whose `run` and transport they use.
 */
import { createHash } from 'node:crypto';
import { LegacyBlobError, bookingTriples, planLegacyImport } from '../legacy-migration.js';
import type { MigrationReport } from '../legacy-migration.js';
import type { LayoutUpgradeReport } from '../store.js';
import { instanceKeys, untaggedKeys } from './keyspace.js';
import { newEpoch, scriptOf } from './lua-script.js';
import type { Script } from './lua-script.js';
import { IMPORT_LEGACY, MIGRATE_LEGACY, ONE_KEY, UPGRADE_LAYOUT } from './lua-scripts.js';
import type { RedisTransport } from './script-store.js';

const SCRIPTS = {
  migrate: scriptOf(MIGRATE_LEGACY),
  importLegacy: scriptOf(IMPORT_LEGACY),
  upgradeLayout: scriptOf(UPGRADE_LAYOUT),
  oneKey: scriptOf(ONE_KEY),
};

/** What a migration that moved bookings reports: the script's counts with the plan's findings. */
function migratedReport(
  plan: ReturnType<typeof planLegacyImport>,
  moved: unknown,
  kept: unknown[],
  backupKey: string,
): MigrationReport {
  return {
    status: 'migrated',
    migrated: Number(moved),
    overlaps: plan.overlaps,
    malformed: plan.malformed,
    keptInBackup: kept.map(String),
    backupKey,
  };
}

/** Single-key migration steps in flight at once, so years of dates never queue past a timeout. */
const MIGRATION_BATCH = 64;

/** `work` for every item, `MIGRATION_BATCH` at a time, results in order. */
async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += MIGRATION_BATCH) {
    results.push(...(await Promise.all(items.slice(at, at + MIGRATION_BATCH).map(work))));
  }
  return results;
}
export interface ScriptMigrationsOptions {
  transport: RedisTransport;
  /** Runs a script (EVALSHA, then EVAL when Redis has forgotten it). */
  run: (script: Script, keys: string[], args: (string | number)[]) => Promise<unknown[]>;
  cluster: boolean;
}

/** The two migrations over one transport; the caller guards them and retries `'changed'`. */
export function createScriptMigrations({ transport, run, cluster }: ScriptMigrationsOptions): {
  migrateOnce(slug: string): Promise<MigrationReport | 'changed'>;
  upgradeLayout(slug: string): Promise<LayoutUpgradeReport>;
} {
  async function migrateOnce(slug: string): Promise<MigrationReport | 'changed'> {
    const keys = instanceKeys(slug);
    const empty = { migrated: 0, overlaps: [], malformed: [], keptInBackup: [] };
    if ((await transport.get(keys.migrated)) !== null) return { status: 'already-migrated', ...empty };
    const raw = await transport.get(keys.legacy);
    if (raw === null) {
      // Another server may have migrated between the two reads.
      const migratedMeanwhile = (await transport.get(keys.migrated)) !== null;
      return { status: migratedMeanwhile ? 'already-migrated' : 'no-legacy-data', ...empty };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new LegacyBlobError(`${keys.legacy} is not JSON; left untouched`, { cause: error });
    }
    const plan = planLegacyImport(parsed);
    const marker = JSON.stringify({ migratedAt: new Date().toISOString(), bookings: plan.count });
    const sha1 = createHash('sha1').update(raw, 'utf8').digest('hex');
    if (cluster) return importLegacyInSteps(slug, raw, sha1, plan, marker);
    const reply = await run(
      SCRIPTS.migrate,
      [keys.legacy, keys.migrated, keys.legacyBackup, keys.dates, keys.revision, keys.changes],
      [keys.dayPrefix, newEpoch(), sha1, marker, ...bookingTriples(plan.bookings)],
    );
    const [status, moved, ...kept] = reply;
    if (status === 'changed') return 'changed';
    if (status === 'already') return { status: 'already-migrated', ...empty };
    if (status === 'none') return { status: 'no-legacy-data', ...empty };
    return migratedReport(plan, moved, kept, keys.legacyBackup);
  }

  /**
   * The legacy migration on a cluster, where blob, backup and marker live in other slots than the
   * bookings: the import is one atomic step in the instance's slot (its own marker makes it happen
   * once), then backup, marker and removal of the blob follow as idempotent steps, so a crash
   * anywhere resumes on the next start. Unlike the single-Redis script, a blob the original's
   * clients rewrite during those steps is left in place (only an unchanged blob is removed).
   */
  async function importLegacyInSteps(
    slug: string,
    raw: string,
    sha1: string,
    plan: ReturnType<typeof planLegacyImport>,
    marker: string,
  ): Promise<MigrationReport> {
    const keys = instanceKeys(slug);
    const [status, moved, ...kept] = await run(
      SCRIPTS.importLegacy,
      [keys.legacyImported, keys.dates, keys.revision, keys.changes],
      [keys.dayPrefix, newEpoch(), sha1, ...bookingTriples(plan.bookings)],
    );
    await transport.set(keys.legacyBackup, raw);
    await transport.set(keys.migrated, marker);
    await run(SCRIPTS.oneKey, [keys.legacy], ['del-if', sha1]);
    if (status === 'already') {
      return { status: 'already-migrated', migrated: 0, overlaps: [], malformed: [], keptInBackup: [] };
    }
    return migratedReport(plan, moved, kept, keys.legacyBackup);
  }

  /**
   * Moves the untagged layout of Hourbook before issue 8 into the tagged one: reads the old keys
   * one by one (on a cluster each may be on another shard), writes them in one atomic script in
   * the instance's slot (a marker makes that happen once, however many servers start), then
   * deletes the old keys, the index last, so a crash before the end is finished on the next start.
   * Rate-limit counters are not moved: they expire within two windows.
   */
  async function upgradeLayout(slug: string): Promise<LayoutUpgradeReport> {
    const keys = instanceKeys(slug);
    const old = untaggedKeys(slug);
    const upgraded = (await transport.get(keys.layoutUpgraded)) !== null;
    const dates = (await run(SCRIPTS.oneKey, [old.dates], ['zrange'])).map(String);
    const oldRevision = await transport.get(old.revision);
    if (dates.length === 0 && oldRevision === null) {
      return { status: upgraded ? 'already-upgraded' : 'nothing-to-upgrade', days: 0, bookings: 0 };
    }
    let status: LayoutUpgradeReport['status'] = 'already-upgraded';
    let bookingCount = 0;
    if (!upgraded) {
      const triples: string[] = [];
      const days = await inBatches(dates, (date) => run(SCRIPTS.oneKey, [`${old.dayPrefix}${date}`], ['hgetall']));
      days.forEach((entries, index) => {
        for (let at = 0; at + 1 < entries.length; at += 2) {
          triples.push(dates[index]!, String(entries[at]), String(entries[at + 1]));
        }
      });
      const marker = JSON.stringify({ upgradedAt: new Date().toISOString(), days: dates.length });
      const [reply] = await run(
        SCRIPTS.upgradeLayout,
        [keys.layoutUpgraded, keys.dates, keys.revision, keys.changes],
        [keys.dayPrefix, oldRevision ?? '', newEpoch(), marker, ...triples],
      );
      if (reply === 'upgraded') {
        status = 'upgraded';
        bookingCount = triples.length / 3;
      }
    }
    await inBatches(dates, (date) => run(SCRIPTS.oneKey, [`${old.dayPrefix}${date}`], ['del']));
    await run(SCRIPTS.oneKey, [old.revision], ['del']);
    await run(SCRIPTS.oneKey, [old.dates], ['del']);
    return { status, days: status === 'upgraded' ? dates.length : 0, bookings: bookingCount };
  }

  return { migrateOnce, upgradeLayout };
}
