/**
 * A private `redis-server` for one test file: started from PATH on a free loopback port with no
 * persistence, stoppable and restartable on the same port for outage tests, killed afterwards.
 * Tests never touch a Redis they did not start (STYLE.md 5).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server (an outage); data is gone, as nothing is persisted. */
  stop: () => Promise<void>;
  /** Starts it again on the same port. */
  restart: () => Promise<void>;
  /** Suspends the process (SIGSTOP): connections stay open but nothing answers, like a hung host. */
  freeze: () => void;
  /** Resumes a frozen server (SIGCONT). */
  thaw: () => void;
  /** Stops it for good. */
  close: () => Promise<void>;
}

/** Why Redis tests cannot run here, or undefined when `redis-server` is on PATH. */
export function redisUnavailableReason(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? 'redis-server is not on PATH' : undefined;
}

/**
 * True when the Redis suites should be skipped: only outside CI, where a missing `redis-server`
 * is tolerated; with `CI=true` a missing server fails the run instead (STYLE.md 4).
 */
export function shouldSkipRedis(): boolean {
  const reason = redisUnavailableReason();
  if (!reason) return false;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${reason}; install redis-server`);
  console.warn(`Skipping Redis tests: ${reason}`);
  return true;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface TestRedisOptions {
  /** Serve TLS only (`rediss://localhost:port`) with this certificate and key. */
  tls?: { certFile: string; keyFile: string };
}

/** Starts a throwaway `redis-server`; call `close()` in `afterAll`. */
export async function startTestRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const listen = options.tls
    ? [
        ...['--port', '0', '--tls-port', String(port), '--tls-auth-clients', 'no'],
        ...['--tls-cert-file', options.tls.certFile, '--tls-key-file', options.tls.keyFile],
        ...['--tls-ca-cert-file', options.tls.certFile],
      ]
    : ['--port', String(port)];

  async function start(): Promise<void> {
    child = spawn(
      'redis-server',
      [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
      { stdio: 'ignore' },
    );
    const started = child;
    // Never leave a server behind if the test process dies before its afterAll runs.
    const killOnExit = () => started.kill('SIGKILL');
    process.once('exit', killOnExit);
    started.once('exit', () => process.off('exit', killOnExit));
    let exited = false;
    started.once('exit', () => {
      exited = true;
    });
    await waitFor(
      async () => {
        if (exited) throw new Error(`redis-server on port ${port} exited during start-up`);
        return accepts(port);
      },
      5000,
      `redis-server on port ${port}`,
    );
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
    await waitFor(async () => !(await accepts(port)), 2000, `port ${port} to close`);
  }

  await start();
  const url = options.tls ? `rediss://localhost:${port}` : `redis://127.0.0.1:${port}`;
  const signal = (name: NodeJS.Signals) => () => void child?.kill(name);
  // A frozen server cannot die from SIGKILL's exit handshake until resumed; thaw before stopping.
  const close = async () => {
    signal('SIGCONT')();
    await stop();
  };
  return { url, port, stop: close, restart: start, close, freeze: signal('SIGSTOP'), thaw: signal('SIGCONT') };
}
