import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, ensureBuilt } from '../../test/support/built-tree.js';
import { createSqliteStore } from '../storage/sqlite/sqlite.store.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'hourbook-cli-'));
const env = {
  ...process.env,
  DATA_DIR: dir,
  INSTANCE_SLUG: 'team-a',
  KV_REST_API_URL: '',
  KV_REDIS_URL: '',
  REDIS_URL: '',
};

// The compiled CLI, as production runs it (`node build/server/hourbook.js`): no TypeScript loader per call.
beforeAll(ensureBuilt, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hourbook(...args: string[]) {
  return run(process.execPath, [BUILT_CLI, ...args], { env }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('hourbook config', () => {
  it('stores a valid config for INSTANCE_SLUG in the selected store', async () => {
    const file = join(dir, 'team.json');
    writeFileSync(
      file,
      JSON.stringify({
        title: 'Lab',
        users: [
          { name: 'Ada', key: 'a' },
          { name: 'Bo', key: 'b' },
        ],
      }),
    );
    const result = await hourbook('config', 'set', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Stored config for "team-a"');
    const store = createSqliteStore({ file: join(dir, 'hourbook.db') });
    expect(JSON.parse((await store.instances.getConfig('team-a')).text!)).toMatchObject({
      slug: 'team-a',
      title: 'Lab',
      users: [{ name: 'Ada' }, { name: 'Bo' }],
    });
    await store.close();
    expect((await hourbook('config', 'show')).stdout).toContain('"title": "Lab"');
  });

  it('rejects a bad file with one line per problem and stores nothing', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        slug: 'team-a',
        title: 'X',
        users: [
          { name: 'Ann', key: 'd' },
          { name: 'Ann', key: 'a' },
          { name: 'Cy', key: 'a' },
        ],
      }),
    );
    const before = (await hourbook('config', 'show')).stdout;
    const result = await hourbook('config', 'set', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('users.0.key: key "d" is reserved for Delete');
    expect(result.stderr).toContain('users.1.name: duplicate name "Ann"');
    expect(result.stderr).toContain('users.2.key: duplicate hotkey "a"');
    expect((await hourbook('config', 'show')).stdout).toBe(before);
  });
});

describe('hourbook import and export', () => {
  it('round-trips bookings in the original format and reports what it could not import', async () => {
    const file = join(dir, 'legacy.json');
    writeFileSync(
      file,
      JSON.stringify({
        '2031-02-03': { '09:00': { user: 'Jack', duration: 3 }, '10:00': { user: 'Rue', duration: 1 } },
        '2031-02-04': { '14:00': { user: 'Bonnie', duration: null } },
      }),
    );
    const imported = await hourbook('import', file);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 2 bookings.');
    expect(imported.stdout).toMatch(/overlap kept: 2031-02-03 10:00/);
    expect(imported.stdout).toMatch(/not imported: 2031-02-04 14:00/);
    const exported = await hourbook('export');
    expect(JSON.parse(exported.stdout)).toEqual({
      '2031-02-03': { '09:00': { user: 'Jack', duration: 3 }, '10:00': { user: 'Rue', duration: 1 } },
    });
  });

  it('refuses a file that is not an object keyed by date, changing nothing', async () => {
    const file = join(dir, 'not-a-blob.json');
    writeFileSync(file, '[1, 2, 3]');
    const before = (await hourbook('export')).stdout;
    const result = await hourbook('import', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('must be a JSON object keyed by date');
    expect((await hourbook('export')).stdout).toBe(before);
  });
});
