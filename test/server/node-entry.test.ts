/**
 * The Node entry as an operator runs it, from a built tree: `node build/server/main.js` and
 * `npm start` for real. Start-up lines, one-line failures, `.env`, clean shutdown on a signal
 * sent to npm itself (open request finished, WAL checkpointed, port free, no process left), and
 * two server processes sharing one SQLite file without ever double-booking a slot.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_SERVER as MAIN, REPO, ensureBuilt } from '../support/built-tree.js';
import { dataOf, openEventStream } from '../support/sse-client.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hourbook-entry-'));
const children: ChildProcess[] = [];

// One build per change of the sources; `npm start` below would otherwise build it itself.
beforeAll(ensureBuilt, 180_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** An environment with no store variable of the developer's leaking in. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    KV_REST_API_URL: '',
    KV_REDIS_URL: '',
    REDIS_URL: '',
    UPSTASH_REDIS_REST_URL: '',
    ...extra,
  };
}

interface StartedServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function track(child: ChildProcess): () => string {
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return () => output;
}

function whenListening(child: ChildProcess, output: () => string): Promise<StartedServer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), 20_000);
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (match && /next: /.test(output())) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    });
  });
}

/** `node build/server/main.js`, as a systemd unit would run it. */
function startServer(extraEnv: Record<string, string> = {}, cwd = REPO): Promise<StartedServer> {
  const child = spawn(process.execPath, [MAIN], { cwd, env: cleanEnv(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  return whenListening(child, track(child));
}

/** `npm start`, with npm itself as the process the test signals. */
function startWithNpm(extraEnv: Record<string, string> = {}): Promise<StartedServer> {
  const npm = process.env.npm_execpath;
  const [command, args] = npm?.endsWith('npm-cli.js') ? [process.execPath, [npm, 'start']] : ['npm', ['start']];
  const child = spawn(command, args, { cwd: REPO, env: cleanEnv(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  return whenListening(child, track(child));
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function run(extraEnv: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: REPO,
    env: cleanEnv(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = track(child);
  return exitOf(child).then((code) => ({ code, output: output() }));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function childPids(pid: number): number[] {
  const listed = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout;
  return listed.split('\n').filter(Boolean).map(Number);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('the Node entry point', () => {
  it('prints the URL to open, the store, the instance and the next step, and nothing else', async () => {
    const sut = await startServer({ INSTANCE_SLUG: 'entry-test' });
    const lines = sut.output().trim().split('\n');
    expect(lines[0]).toMatch(/^Hourbook listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toContain(`  store: sqlite (${join(dataDir, 'hourbook.db')})`);
    expect(lines).toContain('  instance: entry-test');
    expect(lines.at(-1)).toMatch(/next: .*npx hourbook instances update entry-test team\.json/);
    expect(lines.length).toBeLessThanOrEqual(5);
    expect((await fetch(`${sut.url}/api/health`)).status).toBe(200);
    const exited = exitOf(sut.child);
    sut.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('shows localhost as the URL when listening on every interface', async () => {
    const sut = await startServer({ HOST: '0.0.0.0' });
    expect(sut.output()).toMatch(/listening on http:\/\/localhost:\d+\n/);
    sut.child.kill('SIGTERM');
    expect(await exitOf(sut.child)).toBe(0);
  });

  it('refuses to start with a list of every bad setting, storage included, and no stack trace', async () => {
    const sut = await run({
      PORT: 'eighty',
      RATE_LIMIT_MAX: '-1',
      KV_REST_API_URL: 'https://kv.example.com',
      REDIS_URL: 'http://x',
    });
    expect(sut.code).toBe(1);
    expect(sut.output).toMatch(/^Invalid configuration:\n/);
    for (const name of ['PORT', 'RATE_LIMIT_MAX', 'KV_REST_API_TOKEN', 'REDIS_URL'])
      expect(sut.output).toContain(`  ${name}: `);
    expect(sut.output).not.toMatch(/\n\s+at /);
  });

  it('says in exactly one line that the port is in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const { port } = taken.address() as AddressInfo;
    try {
      const sut = await run({ PORT: String(port) });
      expect(sut.code).toBe(1);
      expect(sut.output).toBe(`Port ${port} is in use: set PORT to another port\n`);
    } finally {
      taken.close();
    }
  });

  it('reads .env from its working directory without overriding variables already set', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'hourbook-dotenv-'));
    writeFileSync(join(cwd, '.env'), 'INSTANCE_SLUG=from-dotenv\nRATE_LIMIT_MAX=7\nHOST=192.0.2.1\n');
    try {
      const sut = await startServer({ HOST: '127.0.0.1' }, cwd);
      expect(sut.output()).toContain('instance: from-dotenv');
      expect(sut.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:/);
      const response = await fetch(`${sut.url}/api/bookings`, { method: 'POST', body: '{}' });
      expect(response.headers.get('X-RateLimit-Remaining')).toBe('6');
      sut.child.kill('SIGTERM');
      expect(await exitOf(sut.child)).toBe(0);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
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
    await Promise.all([exitOf(first!.child), exitOf(second!.child)]);
  });
});

describe('the Node entry point with open change streams', () => {
  it('on SIGTERM ends each stream with a short retry and bye, exits without waiting for them, and a reconnect elsewhere misses nothing', async () => {
    const env = { INSTANCE_SLUG: 'shutdown-streams' };
    const [leaving, staying] = await Promise.all([startServer(env), startServer(env)]);
    const streams = await Promise.all([
      openEventStream(`${leaving.url}/api/events`),
      openEventStream(`${leaving.url}/api/events`),
    ]);
    await Promise.all(streams.map((stream) => stream.waitForEvents(2)));
    const [, hello] = streams[0]!.events;

    const signalled = performance.now();
    leaving.child.kill('SIGTERM');
    await Promise.all(streams.map((stream) => stream.ended));
    expect(await exitOf(leaving.child)).toBe(0);
    // Well inside the 3 s grace period that would otherwise cut the streams.
    expect(performance.now() - signalled).toBeLessThan(1500);
    for (const stream of streams) {
      expect(stream.events.slice(-2)).toEqual([{ retry: '250' }, { ...hello, event: 'bye' }]);
    }

    // The client reconnects to the other server with the id it holds and gets what it missed.
    const created = await fetch(`${staying.url}/api/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ dateKey: '2031-06-03', timeKey: '10:00', user: 'Jack', duration: 1 }),
    });
    expect(created.status).toBe(201);
    const sut = await openEventStream(`${staying.url}/api/events`, { 'Last-Event-ID': hello!.id! });
    try {
      const [, change] = await sut.waitForEvents(3);
      expect(change!.event).toBe('change');
      expect(dataOf(change)).toMatchObject({ dateKey: '2031-06-03', timeKey: '10:00', booking: { user: 'Jack' } });
    } finally {
      sut.close();
      staying.child.kill('SIGTERM');
      await exitOf(staying.child);
    }
  });
});

describe('npm start', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops cleanly on %s sent to npm: open request finished, WAL checkpointed, port free, nothing left',
    async (signal) => {
      const dir = mkdtempSync(join(tmpdir(), 'hourbook-npm-'));
      const sut = await startWithNpm({ DATA_DIR: dir });
      const port = Number(new URL(sut.url).port);
      const servers = childPids(sut.child.pid!);
      expect(servers).toHaveLength(1);
      expect((await fetch(`${sut.url}/api/health`)).status).toBe(200);

      // A request whose body is still arriving when the signal comes.
      const body = JSON.stringify({ dateKey: '2031-07-01', timeKey: '09:00', user: 'Jack', duration: 1 });
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      const answered = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write(
        `POST /api/bookings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      sut.child.kill(signal);
      await new Promise((resolve) => setTimeout(resolve, 300));
      socket.end(body.slice(10));
      await answered;
      expect(answer).toMatch(/^HTTP\/1\.1 201 /);

      expect(await exitOf(sut.child)).toBe(0);
      expect(sut.output()).toContain(`${signal} received, shutting down`);
      expect(servers.filter(isRunning)).toEqual([]);
      expect(await portIsFree(port)).toBe(true);
      const wal = join(dir, 'hourbook.db-wal');
      expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
      rmSync(dir, { recursive: true, force: true });
    },
  );
});
