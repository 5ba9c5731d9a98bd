/**
 * `npm run bench`: autocannon (10 connections, 10 s per scenario) against the production server
 * (`node build/server/main.js`, built first when stale) in a child process, its store seeded
 * beforehand with 1,000 / 10,000 / 100,000 bookings, for each backend in
 * BENCH_STORES (default `sqlite,redis,upstash`; see bench-targets.ts). `BENCH_SIZES` and
 * `BENCH_DURATION_S` narrow a run; `BENCH_SCENARIOS` (comma-separated, e.g. `POST`) keeps only the
 * scenarios whose name contains one of its words.
 * Prints one Markdown table: req/s, p50/p99 latency and the server's peak RSS; then, when
 * `redis` is among the stores, the change-to-screen latency through Redis in real Chromium
 * (scenario `screen latency`, see screen-latency.ts).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { addDays, timeKeyOfHour } from '../src/core/time.js';
import { BUILT_SERVER, ensureBuilt } from '../test/support/built-tree.js';
import { BOOKINGS_PER_DAY, SEED_START, seedStore } from './seed.js';
import { extraBenchTargets } from './bench-targets.js';
import { measureScreenLatency, screenLatencyUnavailable } from './screen-latency.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 10;
const SCENARIO_FILTER = (process.env.BENCH_SCENARIOS ?? '')
  .split(',')
  .map((word) => word.trim())
  .filter(Boolean);

function isWanted(scenario: string): boolean {
  return SCENARIO_FILTER.length === 0 || SCENARIO_FILTER.some((word) => scenario.includes(word));
}

export interface BenchTarget {
  name: string;
  /** Environment for the server process that selects this backend. */
  env: Record<string, string>;
  cleanup?: () => Promise<void>;
}

interface Row {
  store: string;
  bookings: number;
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  peakRssMb: number;
}

/** Limits high enough not to interfere, on a port the OS picks. */
const SERVER_ENV = {
  HOST: '127.0.0.1',
  PORT: '0',
  ALLOWED_ORIGINS: '',
  RATE_LIMIT_MAX: '1000000000',
  RATE_LIMIT_READ_MAX: '1000000000',
};

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [BUILT_SERVER], {
    env: { ...process.env, ...env, ...SERVER_ENV },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

/** Peak resident set size of a process, from Linux's VmHWM. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kilobytes / 1024);
}

function runScenario(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

async function benchTarget(target: BenchTarget, size: number): Promise<Row[]> {
  const slug = `bench-${size}-${process.pid}`;
  const env = { ...target.env, INSTANCE_SLUG: slug };
  await seedStore({ ...process.env, ...env }, size);
  const { child, port } = await startServer(env);
  const url = `http://127.0.0.1:${port}`;
  const seededDays = Math.ceil(size / BOOKINGS_PER_DAY);
  const midWeek = addDays(SEED_START, 7 * Math.floor(seededDays / 14));
  let next = 0;
  let weekTurn = 0;
  const firstFreeDay = addDays(SEED_START, seededDays + 7);
  const scenarios: Array<[string, autocannon.Options]> = [
    ['GET all', { url: `${url}/api/bookings` }],
    ['GET one week', { url: `${url}/api/bookings?from=${midWeek}&to=${addDays(midWeek, 6)}` }],
    [
      // Seven days from a different start each time, cycling through more ranges than the body
      // cache holds (64), so every request reads the store: the cost of a week read itself.
      'GET one week, uncached',
      {
        url: `${url}/api/bookings`,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              const from = addDays(
                SEED_START,
                7 * (weekTurn++ % Math.max(1, Math.min(128, Math.floor(seededDays / 7)))),
              );
              return { ...request, path: `/api/bookings?from=${from}&to=${addDays(from, 6)}` };
            },
          },
        ],
      },
    ],
    [
      'POST distinct slots',
      {
        url: `${url}/api/bookings`,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => {
              const index = next++;
              const body = {
                dateKey: addDays(firstFreeDay, Math.floor(index / 16)),
                timeKey: timeKeyOfHour(6 + (index % 16)),
                user: 'Jack',
                duration: 1,
              };
              return { ...request, body: JSON.stringify(body) };
            },
          },
        ],
      },
    ],
  ];
  const rows: Row[] = [];
  try {
    for (const [scenario, options] of scenarios) {
      if (!isWanted(scenario)) continue;
      const result = await runScenario(options);
      rows.push({
        store: target.name,
        bookings: size,
        scenario,
        rps: Math.round((result['2xx'] / result.duration) * 10) / 10,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.non2xx + result.errors,
        peakRssMb: peakRssMb(child.pid!),
      });
      console.error(`  ${target.name} ${size} ${scenario}: ${rows.at(-1)!.rps} req/s`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  return rows;
}

async function sqliteTarget(): Promise<BenchTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'hourbook-bench-'));
  return {
    name: 'sqlite',
    env: { DATA_DIR: dir, KV_REST_API_URL: '', KV_REST_API_TOKEN: '', KV_REDIS_URL: '', REDIS_URL: '' },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function main(): Promise<void> {
  await ensureBuilt();
  const stores = (process.env.BENCH_STORES ?? 'sqlite,redis,upstash').split(',').map((store) => store.trim());
  const targets: BenchTarget[] = stores.includes('sqlite') ? [await sqliteTarget()] : [];
  targets.push(...(await extraBenchTargets(stores)));
  const rows: Row[] = [];
  for (const target of targets) {
    try {
      for (const size of SIZES) rows.push(...(await benchTarget(target, size)));
    } finally {
      await target.cleanup?.();
    }
  }
  console.log(
    `\nMachine: ${(await import('node:os')).cpus().length} cores, Node ${process.version}; ${CONNECTIONS} connections, ${DURATION_S} s each\n`,
  );
  console.log('| store | bookings | scenario | req/s | p50 ms | p99 ms | non-2xx | server peak RSS MB |');
  console.log('|---|---:|---|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.store} | ${row.bookings.toLocaleString('en-US')} | ${row.scenario} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.errors} | ${row.peakRssMb} |`,
    );
  }
  if (stores.includes('redis') && isWanted('screen latency')) {
    const missing = screenLatencyUnavailable();
    if (missing) console.error(`Skipping the change-to-screen latency: ${missing}`);
    else {
      const latency = await measureScreenLatency();
      console.log(
        `\nChange to screen through Redis (write on server A → booking shown or gone in a Chromium tab on server B, n = ${latency.samples}): p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms; of which the write's own answer: p50 ${latency.write.p50} ms, p99 ${latency.write.p99} ms`,
      );
    }
  }
}

void main();
