/**
 * `hourbook import <slug> <file> [--replace] [--dry-run]` and `hourbook export <slug> [file]`:
 * bookings in and out of any store, in Hourbook's format or the original's (bookings-file.ts).
 * The plan (import-plan.ts) is made and shown before anything is written.
 */
import { ConflictError } from '../core/errors.js';
import type { BookingRules } from '../core/rules.js';
import { hourOfTimeKey } from '../core/time.js';
import type { Store } from '../storage/store.js';
import { readBookingsFile, writeBookingsFile } from './bookings-file.js';
import type { BookingsFile, FileFormat, SlotBooking } from './bookings-file.js';
import { blobOf, planImport } from './import-plan.js';
import type { ImportConflict, ImportMode, ImportPlan } from './import-plan.js';
import { createProgress } from './progress.js';
import type { Progress } from './progress.js';

/**
 * Bookings a merge writes at once: enough in flight to hide the round trips to a remote Redis,
 * few enough that one import never floods the store while the team keeps booking.
 */
export const IMPORT_BATCH_SIZE = 100;

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  /** The instance's rules: a merge refuses bookings past its closing hour, as the store does. */
  rules: Pick<BookingRules, 'closeHour'>;
  /** Where lines go: results to `out`, progress to `progress`. */
  out: (line: string) => void;
  progress: NodeJS.WriteStream;
}

/**
 * What an import did, for the exit code: `refused` when a merge meets conflicts (nothing is
 * written; a dry run says the same of the real run), `partly-refused` when bookings made
 * meanwhile took some slots.
 */
export type ImportOutcome = 'done' | 'dry-run' | 'refused' | 'partly-refused';

const slotOf = ({ dateKey, timeKey }: SlotBooking) => ({ dateKey, timeKey, hour: hourOfTimeKey(timeKey) });
const spanOf = (entry: SlotBooking) =>
  `${entry.dateKey} ${entry.timeKey} ${entry.booking.user} × ${entry.booking.duration}`;

function describeFileProblems(file: BookingsFile, out: (line: string) => void): void {
  for (const overlap of file.overlaps) {
    out(`  overlap in the file: ${overlap.dateKey} ${overlap.timeKey} overlaps ${overlap.overlapsWith}`);
  }
  for (const entry of file.malformed) {
    const where = `${entry.dateKey}${entry.timeKey ? ` ${entry.timeKey}` : ''}`;
    out(`  not imported: ${where}: ${entry.reason} (${JSON.stringify(entry.value)})`);
  }
}

function describePlan(plan: ImportPlan, dryRun: boolean, out: (line: string) => void): void {
  const verb = dryRun ? 'would' : 'will';
  const counts = [`${plan.add.length} to add`, `${plan.unchanged.length} already stored`];
  if (plan.mode === 'replace') counts.push(`${plan.removed.length} to remove`);
  if (plan.mode === 'merge') counts.push(`${plan.conflicts.length} in conflict`);
  out(`${plan.mode === 'replace' ? 'Replace' : 'Merge'}: ${counts.join(', ')}.`);
  for (const entry of plan.removed) out(`  ${verb} remove: ${spanOf(entry)}`);
  for (const conflict of plan.conflicts) out(`  conflict: ${spanOf(conflict)}: ${conflict.reason}`);
  if (dryRun) for (const entry of plan.add) out(`  would add: ${spanOf(entry)}`);
}

/** Creates the plan's bookings in bounded batches; returns those a concurrent booking took first. */
async function writeInBatches(
  store: Store,
  slug: string,
  plan: ImportPlan,
  options: ImportOptions,
  progress: Progress,
) {
  const lateConflicts: ImportConflict[] = [];
  for (let from = 0; from < plan.add.length; from += IMPORT_BATCH_SIZE) {
    const batch = plan.add.slice(from, from + IMPORT_BATCH_SIZE);
    try {
      await Promise.all(
        batch.map((entry) =>
          store.bookings.create(slug, slotOf(entry), entry.booking, options.rules).catch((error: unknown) => {
            // Booked by someone else since the plan was made: reported, the rest goes on.
            if (!(error instanceof ConflictError)) throw error;
            lateConflicts.push({ ...entry, reason: `booked meanwhile (${error.message})` });
          }),
        ),
      );
    } catch (error) {
      // A merge is safe to repeat: what this run wrote counts as already stored next time.
      throw new Error(
        `Stopped after ${from} of ${plan.add.length} batched bookings (${(error as Error).message}); run the same import again to add the rest`,
        { cause: error },
      );
    }
    progress.advance(from + batch.length);
  }
  return lateConflicts;
}

/** Runs an import of the file's `text` into `slug`; throws `BookingsFileError` on an unreadable file. */
export async function importBookingsText(
  store: Store,
  slug: string,
  text: string,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const { out } = options;
  const file = readBookingsFile(text);
  const stored = (await store.bookings.list(slug)).bookings;
  const plan = planImport(options.mode, file.entries, stored, options.rules);
  out(
    `${file.entries.length} bookings in the file (${file.format} format) for instance "${slug}" in ${store.kind} (${store.target}).`,
  );
  describeFileProblems(file, out);
  describePlan(plan, options.dryRun, out);
  if (options.dryRun) return plan.conflicts.length > 0 ? 'refused' : 'dry-run';
  if (plan.conflicts.length > 0) {
    out('Nothing imported: resolve the conflicts in the file, or use --replace to make the file the whole truth.');
    return 'refused';
  }
  if (plan.mode === 'replace') {
    // One atomic step (the store's replace): a half-replaced calendar would lose bookings.
    await store.bookings.replace(slug, blobOf(file.entries));
    out(`Replaced: ${file.entries.length} bookings stored, ${plan.removed.length} removed.`);
    return 'done';
  }
  const progress = createProgress(plan.add.length, 'bookings', options.progress);
  let late: ImportConflict[];
  try {
    late = await writeInBatches(store, slug, plan, options, progress);
  } finally {
    progress.finish();
  }
  out(`Imported ${plan.add.length - late.length} bookings.`);
  for (const conflict of late) out(`  not imported: ${spanOf(conflict)}: ${conflict.reason}`);
  return late.length > 0 ? 'partly-refused' : 'done';
}

/** The export of `slug` in `format`, e.g. for `hourbook export team-a backup.json`. */
export async function exportBookingsText(store: Store, slug: string, format: FileFormat, now: Date): Promise<string> {
  const { bookings } = await store.bookings.list(slug);
  return writeBookingsFile(format, bookings, { instance: slug, exportedAt: now });
}
