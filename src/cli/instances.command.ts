/**
 * `hourbook instances list | show | create | update | delete`: thin wrappers over the instance
 * admin service (src/server/instance-admin.service.ts), the same rules the admin API applies;
 * nothing here validates a config or looks for affected bookings on its own.
 */
import type { AffectedBooking } from '../core/instance-change.js';
import type { CliContext, CliIo } from './program.js';

type Io = Pick<CliIo, 'out' | 'write'>;

/** One indented line per affected booking, e.g. `  2026-12-03 09:00 Ann × 2`. */
export function describeAffected(affected: readonly AffectedBooking[], out: (line: string) => void): void {
  for (const booking of affected) {
    out(`  ${booking.dateKey} ${booking.timeKey} ${booking.user} × ${booking.duration}`);
  }
}

const usersOf = (instance: Record<string, unknown>) => (Array.isArray(instance.users) ? instance.users.length : 0);

/** One line per instance, e.g. `team-a  Lab 3 Booking  (4 users)`, or the admin API's JSON. */
export async function listInstances(
  { admin, defaultSlug }: CliContext,
  io: Io,
  options: { json?: boolean },
): Promise<void> {
  const instances = await admin.list();
  if (options.json) return io.write(`${JSON.stringify({ instances }, null, 2)}\n`);
  const width = Math.max(...instances.map((instance) => String(instance.slug).length));
  for (const instance of instances) {
    const slug = String(instance.slug);
    const notes = [`${usersOf(instance)} users`, ...(slug === defaultSlug ? ['default'] : [])];
    io.out(`${slug.padEnd(width)}  ${String(instance.title)}  (${notes.join(', ')})`);
  }
}

/** The instance's config as indented JSON; `NotFoundError` for an unknown slug. */
export async function showInstance({ admin }: CliContext, io: Io, slug: string): Promise<void> {
  io.write(`${JSON.stringify(await admin.get(slug), null, 2)}\n`);
}

export type InstanceWrite =
  { kind: 'create'; input: unknown } | { kind: 'update'; slug: string; input: unknown; force: boolean };

/** Creates or updates an instance; the service's typed errors reach the caller unchanged. */
export async function writeInstance({ admin }: CliContext, io: Io, write: InstanceWrite): Promise<void> {
  if (write.kind === 'create') {
    const instance = await admin.create(write.input);
    io.out(`Created instance "${String(instance.slug)}" (${usersOf(instance)} users).`);
    return;
  }
  const { instance, affected } = await admin.update(write.slug, write.input, { force: write.force });
  io.out(`Updated instance "${String(instance.slug)}" (${usersOf(instance)} users).`);
  if (affected.length > 0) {
    io.out(`Applied with --force; ${affected.length} bookings no longer fit the new config:`);
    describeAffected(affected, io.out);
  }
}

/** Deletes an instance and everything of it, saying how many bookings went with it. */
export async function deleteInstance({ admin, store }: CliContext, io: Io, slug: string): Promise<void> {
  const { bookings } = await store.bookings.list(slug);
  const count = Object.values(bookings).reduce((sum, day) => sum + Object.keys(day).length, 0);
  await admin.remove(slug);
  io.out(`Deleted instance "${slug}": its config, ${count} bookings and its change log.`);
}
