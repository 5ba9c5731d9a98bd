import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
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

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hourbook(...args: string[]) {
  return run('npx', ['tsx', 'src/cli/hourbook.ts', ...args], { env }).then(
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
    expect(await store.getConfig('team-a')).toMatchObject({
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
