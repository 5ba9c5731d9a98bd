/**
 * A private 3-master Redis Cluster for one test file: three `redis-server --cluster-enabled yes`
 * on free loopback ports (bus ports chosen too) in a temp dir, joined by `redis-cli --cluster
 * create`, ready once every node reports `cluster_state:ok`; `close()` kills them and removes
 * the dir. Tests never touch a Redis they did not start (STYLE.md 5).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export interface TestRedisCluster {
  /** `redis://127.0.0.1:<port>` of the first node: the seed a cluster client starts from. */
  url: string;
  ports: number[];
  /** Kills every node (an outage of the whole cluster); data is gone, slot assignments are kept. */
  stop: () => Promise<void>;
  /** Starts the nodes again on the same ports and waits for `cluster_state:ok`. */
  restart: () => Promise<void>;
  /** Kills the master on `port` only (one shard down); its data is gone. */
  stopNode: (port: number) => Promise<void>;
  /** Starts the master on `port` again; it rejoins with its slots (kept in its nodes file). */
  restartNode: (port: number) => Promise<void>;
  close: () => Promise<void>;
}

export interface TestClusterOptions {
  /** `cluster-node-timeout`: how soon the others mark a silent node failed (Redis default 15 s). */
  nodeTimeoutMs?: number;
  /**
   * `cluster-require-full-coverage` (Redis default yes: with one shard failed, every shard
   * refuses). `false` lets the other shards serve their slots through a shard's outage.
   */
  requireFullCoverage?: boolean;
}

/** Why cluster tests cannot run here, or undefined when `redis-server` and `redis-cli` are on PATH. */
export function clusterUnavailableReason(): string | undefined {
  for (const tool of ['redis-server', 'redis-cli']) {
    const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) return `${tool} is not on PATH`;
  }
  return undefined;
}

/** True when cluster suites should be skipped: never with `CI=true`, where a missing tool fails the run. */
export function shouldSkipCluster(): boolean {
  const reason = clusterUnavailableReason();
  if (!reason) return false;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${reason}; install redis (server and cli)`);
  console.warn(`Skipping Redis Cluster tests: ${reason}`);
  return true;
}

/** Distinct free ports, all held open until every one is chosen. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function clusterIsOk(port: number): Promise<boolean> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return /cluster_state:ok/.test(String(await client.call('CLUSTER', 'INFO')));
  } catch {
    return false;
  } finally {
    client.disconnect(false);
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} exited ${code}: ${output}`)),
    );
  });
}

/** Starts a throwaway 3-master cluster (about a second); call `close()` in `afterAll`. */
export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'hourbook-cluster-'));
  const [p1, p2, p3, b1, b2, b3] = await freePorts(6);
  const ports = [p1!, p2!, p3!];
  const busPorts = [b1!, b2!, b3!];
  const children: ChildProcess[] = [];
  const nodeOf = new Map<number, ChildProcess>();
  const tuning = [
    ...(options.nodeTimeoutMs ? ['--cluster-node-timeout', String(options.nodeTimeoutMs)] : []),
    ...(options.requireFullCoverage === false ? ['--cluster-require-full-coverage', 'no'] : []),
  ];
  const killAll = () => children.forEach((child) => child.kill('SIGKILL'));
  // Never leave nodes behind if the test process dies before its afterAll runs.
  process.once('exit', killAll);

  const stop = async () => {
    await Promise.all(
      children
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGKILL'))),
    );
    children.length = 0;
  };
  const close = async () => {
    await stop();
    process.off('exit', killAll);
    rmSync(dir, { recursive: true, force: true });
  };
  const spawnNode = (port: number) => {
    const child = spawn(
      'redis-server',
      [
        ...['--port', String(port), '--cluster-port', String(busPorts[ports.indexOf(port)]), '--bind', '127.0.0.1'],
        ...['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`)],
        ...['--dir', dir, '--save', '', '--appendonly', 'no', '--loglevel', 'warning', ...tuning],
      ],
      { stdio: 'ignore' },
    );
    children.push(child);
    nodeOf.set(port, child);
  };
  const spawnNodes = () => ports.forEach(spawnNode);
  const ready = () =>
    waitFor(async () => (await Promise.all(ports.map(clusterIsOk))).every(Boolean), 10_000, 'cluster_state:ok');

  try {
    spawnNodes();
    await waitFor(async () => (await Promise.all(ports.map(isListening))).every(Boolean), 5000, 'cluster nodes');
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await ready();
  } catch (error) {
    await close();
    throw error;
  }
  const restart = async () => {
    spawnNodes();
    await ready();
  };
  const stopNode = async (port: number) => {
    const child = nodeOf.get(port);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => child.once('exit', resolve).kill('SIGKILL'));
  };
  const restartNode = async (port: number) => {
    spawnNode(port);
    await waitFor(() => clusterIsOk(port), 10_000, `node ${port} back in the cluster`);
  };
  return { url: `redis://127.0.0.1:${ports[0]}`, ports, stop, restart, stopNode, restartNode, close };
}

async function isListening(port: number): Promise<boolean> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect(false);
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}
