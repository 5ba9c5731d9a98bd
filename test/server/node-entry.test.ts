/**
 * The Node entry as an operator runs it: start-up lines, clean shutdown on SIGTERM, and two
 * server processes sharing one SQLite file without ever double-booking a slot.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'hourbook-entry-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface StartedServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startServer(extraEnv: Record<string, string> = {}): Promise<StartedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      KV_REST_API_URL: '',
      KV_REDIS_URL: '',
      REDIS_URL: '',
      UPSTASH_REDIS_REST_URL: '',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match && /instance: \S+/.test(output)) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1'), output: () => output });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('the Node entry point', () => {
  it('prints its URL, store and instance, and exits 0 on SIGTERM', async () => {
    const sut = await startServer({ INSTANCE_SLUG: 'entry-test' });
    expect(sut.output()).toContain(`store: sqlite (${join(dataDir, 'hourbook.db')})`);
    expect(sut.output()).toContain('instance: entry-test');
    expect((await fetch(`${sut.url}/api/health`)).status).toBe(200);
    const exited = exitOf(sut.child);
    sut.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses to start with a list of bad settings', async () => {
    await expect(startServer({ PORT: 'eighty', RATE_LIMIT_MAX: '-1' })).rejects.toThrow(
      /Invalid configuration:[\s\S]*PORT[\s\S]*RATE_LIMIT_MAX/,
    );
  });

  it('never double-books a slot when two processes share one SQLite file', async () => {
    const [first, second] = await Promise.all([startServer(), startServer()]);
    const attempt = (url: string, index: number) =>
      fetch(`${url}/api/bookings`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ dateKey: '2031-06-02', timeKey: '09:00', user: 'Jack', duration: 1 + (index % 4) }),
      }).then((response) => response.status);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => attempt(index % 2 ? first!.url : second!.url, index)),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    first!.child.kill('SIGTERM');
    second!.child.kill('SIGTERM');
  });
});
