import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../test/support/built-tree.js';
import { slot } from '../../test/support/factories.js';
import { cliEnv, runHourbook } from '../../test/support/run-cli.js';
import { createInstanceAdmin } from '../server/instance-admin.service.js';
import { createSqliteStore } from '../storage/sqlite/sqlite.store.js';
import type { Store } from '../storage/store.js';

// The real command (the package's bin, compiled) on one SQLite file for the whole file; the test
// reads and seeds the same file in-process where the CLI is not the subject.
const dir = mkdtempSync(join(tmpdir(), 'hourbook-cli-'));
const env = cliEnv({ DATA_DIR: dir, INSTANCE_SLUG: 'main-room' });
const hourbook = (...args: string[]) => runHourbook(env, dir, ...args);
let store: Store;
const admin = () => createInstanceAdmin({ store, defaultSlug: 'main-room', clock: () => Date.now() });
const storedConfig = async (slug: string) => JSON.parse((await store.instances.getConfig(slug)).text ?? 'null');

function writeJson(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** A config file's content for `slug` with Ann (a) and Bo (b), plus `extra` settings. */
const team = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  title: 'Lab 3',
  users: [
    { name: 'Ann', key: 'a' },
    { name: 'Bo', key: 'b' },
  ],
  ...extra,
});

beforeAll(async () => {
  await ensureBuilt();
  store = createSqliteStore({ file: join(dir, 'hourbook.db') });
}, 180_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hourbook help and usage', () => {
  it('lists every command with its arguments and options, and one command in full, exiting 0', async () => {
    const [root, instances] = await Promise.all([hourbook('--help'), hourbook('instances', '--help')]);

    expect(root.code).toBe(0);
    for (const usage of [
      'hourbook instances list [--json]',
      'hourbook instances show <slug>',
      'hourbook instances create <file>',
      'hourbook instances update <slug> <file> [--force]',
      'hourbook instances delete <slug>',
      'hourbook export <slug> [file] [-f, --format <format>]',
      'hourbook import <slug> <file> [--dry-run] [--replace]',
      'Exit codes: 0 success',
    ]) {
      expect(root.stdout).toContain(usage);
    }
    expect(instances.code).toBe(0);
    expect(instances.stdout).toContain('update [options] <slug> <file>  replace an instance');
  });

  it('exits 2 with a hint on an unknown command, a missing argument or a bad option value', async () => {
    const results = await Promise.all([
      hourbook('instances', 'rename'),
      hourbook('import', 'main-room'),
      hourbook('export', 'main-room', '--format', 'csv'),
    ]);

    expect(results.map((result) => result.code)).toEqual([2, 2, 2]);
    expect(results[0]!.stderr).toContain("error: unknown command 'rename'");
    expect(results[1]!.stderr).toContain("missing required argument 'file'");
    expect(results[2]!.stderr).toContain('Allowed choices are hourbook, original');
  });
});

describe('hourbook instances', () => {
  it('creates, lists, shows, updates and deletes an instance, never printing its access code', async () => {
    const file = writeJson('lab.json', team('lab-3', { accessCode: 'open sesame' }));
    const created = await hourbook('instances', 'create', file);
    expect(created).toMatchObject({ code: 0, stdout: 'Created instance "lab-3" (2 users).\n' });

    const [list, show, again] = await Promise.all([
      hourbook('instances', 'list'),
      hourbook('instances', 'show', 'lab-3'),
      hourbook('instances', 'create', file),
    ]);
    expect(list.stdout).toMatch(/^lab-3 +Lab 3 +\(2 users\)$/m);
    expect(list.stdout).toMatch(/^main-room +CPS Software Booking +\(6 users, default\)$/m);
    expect(JSON.parse(show.stdout)).toMatchObject({
      slug: 'lab-3',
      title: 'Lab 3',
      users: [{ name: 'Ann' }, { name: 'Bo' }],
    });
    expect((await storedConfig('lab-3')).accessCodeHash).toMatch(/^scrypt\$/);
    for (const output of [created.stdout, list.stdout, show.stdout]) {
      expect(output).not.toContain('open sesame');
      expect(output).not.toContain('scrypt');
      expect(output).not.toContain('accessCodeHash');
    }
    expect(again).toMatchObject({ code: 1, stderr: 'Instance already exists\n' });

    const updated = await hourbook(
      'instances',
      'update',
      'lab-3',
      writeJson('lab-v2.json', team('lab-3', { title: 'Lab 3b' })),
    );
    expect(updated).toMatchObject({ code: 0, stdout: 'Updated instance "lab-3" (2 users).\n' });
    expect(await storedConfig('lab-3')).toMatchObject({ title: 'Lab 3b' });

    const deleted = await hourbook('instances', 'delete', 'lab-3');
    expect(deleted).toMatchObject({
      code: 0,
      stdout: 'Deleted instance "lab-3": its config, 0 bookings and its change log.\n',
    });
    expect(await storedConfig('lab-3')).toBeNull();
    // Six processes one after another; on a loaded machine each can take a second.
  }, 60_000);

  it('refuses an invalid config with one line per problem, an unknown instance, and deleting the default one', async () => {
    const bad = writeJson('bad.json', {
      slug: 'Bad Slug',
      title: 'X',
      users: [
        { name: 'Ann', key: 'm' },
        { name: 'Ann', key: 'a' },
      ],
    });

    const [invalid, unknown, keepDefault] = await Promise.all([
      hourbook('instances', 'create', bad),
      hourbook('instances', 'show', 'no-such-team'),
      hourbook('instances', 'delete', 'main-room'),
    ]);

    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^Invalid config:\n/);
    expect(invalid.stderr).toMatch(/^ {2}- slug: /m);
    expect(invalid.stderr).toMatch(/^ {2}- users\.0\.key: .*reserved/m);
    expect(invalid.stderr).toMatch(/^ {2}- users\.1\.name: duplicate name "Ann"/m);
    expect((await store.instances.list()).map((instance) => instance.slug)).not.toContain('Bad Slug');
    expect(unknown).toMatchObject({ code: 1, stderr: 'Instance not found\n' });
    expect(keepDefault).toMatchObject({ code: 1, stderr: 'The default instance cannot be deleted\n' });
  });

  it('refuses a change that orphans bookings unless --force, listing them both times', async () => {
    await admin().create(team('orphan-lab'));
    await store.bookings.create(
      'orphan-lab',
      slot('2031-05-06', '09:00'),
      { user: 'Bo', duration: 2 },
      { closeHour: 22 },
    );
    const withoutBo = writeJson('without-bo.json', { ...team('orphan-lab'), users: [{ name: 'Ann', key: 'a' }] });

    const refused = await hourbook('instances', 'update', 'orphan-lab', withoutBo);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'Change affects existing bookings:\n  2031-05-06 09:00 Bo × 2\nNothing was changed; add --force to apply it anyway.\n',
    );
    expect((await storedConfig('orphan-lab')).users).toHaveLength(2);

    const forced = await hourbook('instances', 'update', 'orphan-lab', withoutBo, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('1 bookings no longer fit the new config:\n  2031-05-06 09:00 Bo × 2\n');
    expect((await storedConfig('orphan-lab')).users).toHaveLength(1);
  });
});

describe('hourbook import and export', () => {
  const slug = 'main-room';
  const stored = async () => (await store.bookings.list(slug)).bookings;

  it("round-trips bookings in the original's format and in Hourbook's, reporting what it cannot take", async () => {
    const legacy = writeJson('legacy.json', {
      '2031-02-03': { '09:00': { user: 'Jack', duration: 2 }, '14:00': { user: 'Rue', duration: 1 } },
      '2031-02-04': { '14:00': { user: 'Bonnie', duration: null } },
    });

    const imported = await hourbook('import', slug, legacy);

    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('2 bookings in the file (original format) for instance "main-room" in sqlite');
    expect(imported.stdout).toContain('  not imported: 2031-02-04 14:00: duration is not a whole number 1-24 (');
    expect(imported.stdout).toContain('Imported 2 bookings.');
    const backupFile = join(dir, 'backup.json');
    const [original, own] = await Promise.all([
      hourbook('export', slug, '--format', 'original'),
      hourbook('export', slug, backupFile),
    ]);
    expect(JSON.parse(original.stdout)).toEqual({
      '2031-02-03': { '09:00': { user: 'Jack', duration: 2 }, '14:00': { user: 'Rue', duration: 1 } },
    });
    expect(own.stdout).toBe(`Wrote the bookings of "main-room" to ${backupFile} (hourbook format).\n`);
    const backup = JSON.parse(readFileSync(backupFile, 'utf8'));
    expect(backup).toMatchObject({ format: 'hourbook-bookings', version: 1, instance: slug });
    expect(backup.bookings).toEqual([
      { dateKey: '2031-02-03', timeKey: '09:00', user: 'Jack', duration: 2 },
      { dateKey: '2031-02-03', timeKey: '14:00', user: 'Rue', duration: 1 },
    ]);

    const again = await hourbook('import', slug, backupFile);
    expect(again.stdout).toContain('2 bookings in the file (hourbook format)');
    expect(again.stdout).toContain('Merge: 0 to add, 2 already stored, 0 in conflict.');
  });

  it('prints what a dry run would change, changing nothing, and refuses a merge with a conflict', async () => {
    const before = await stored();
    const file = writeJson('clash.json', {
      '2031-02-03': { '10:00': { user: 'Joel', duration: 1 } },
      '2031-02-05': { '09:00': { user: 'Joel', duration: 1 } },
    });

    const [dryRun, merge] = await Promise.all([
      hourbook('import', slug, file, '--dry-run'),
      hourbook('import', slug, file),
    ]);

    expect(dryRun.code).toBe(1);
    expect(dryRun.stdout).toContain('Merge: 1 to add, 0 already stored, 1 in conflict.');
    expect(dryRun.stdout).toContain("  conflict: 2031-02-03 10:00 Joel × 1: overlaps Jack's 09:00 × 2");
    expect(dryRun.stdout).toContain('  would add: 2031-02-05 09:00 Joel × 1');
    expect(merge.code).toBe(1);
    expect(merge.stdout).toContain('Nothing imported: resolve the conflicts in the file, or use --replace');
    expect(await stored()).toEqual(before);
  });

  it('replaces every booking with --replace, listing the removals (and only listing them on a dry run)', async () => {
    const file = writeJson('replace.json', { '2031-02-06': { '09:00': { user: 'Joel', duration: 1 } } });

    const dryRun = await hourbook('import', slug, file, '--replace', '--dry-run');
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('Replace: 1 to add, 0 already stored, 2 to remove.');
    expect(dryRun.stdout).toContain(
      '  would remove: 2031-02-03 09:00 Jack × 2\n  would remove: 2031-02-03 14:00 Rue × 1\n',
    );
    expect(Object.keys(await stored())).toEqual(['2031-02-03']);

    const replaced = await hourbook('import', slug, file, '--replace');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('  will remove: 2031-02-03 09:00 Jack × 2');
    expect(replaced.stdout).toContain('Replaced: 1 bookings stored, 2 removed.');
    expect(await stored()).toEqual({ '2031-02-06': { '09:00': { user: 'Joel', duration: 1 } } });
  });

  it('refuses a file that is not bookings, and an unknown instance, changing nothing', async () => {
    const before = await stored();

    const [notBookings, unknown] = await Promise.all([
      hourbook('import', slug, writeJson('list.json', [1, 2, 3])),
      hourbook('import', 'no-such-team', join(dir, 'legacy.json')),
    ]);

    expect(notBookings.code).toBe(1);
    expect(notBookings.stderr).toContain(
      "Not a bookings file: must be a JSON object: an Hourbook export, or the original's blob",
    );
    expect(unknown).toMatchObject({ code: 1, stderr: 'Instance not found\n' });
    expect(await stored()).toEqual(before);
  });
});
