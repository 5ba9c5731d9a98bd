/**
 * `npm run measure`: start time and resting memory of the compiled server (issue 7 targets:
 * first 200 on /api/health within 500 ms of spawning `node build/server/main.js`, and a resident
 * set of at most 70 MB at rest). Runs on a fresh SQLite file; builds first when the build is
 * stale. Each figure is the median of `MEASURE_RUNS` (default 5) starts; exits 1 past a target.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, staleReason } from './build-freshness.mjs';

const RUNS = Number(process.env.MEASURE_RUNS ?? 5);
const IDLE_MS = Number(process.env.MEASURE_IDLE_MS ?? 10_000);
const TARGETS = { startMs: 500, restingMb: 70 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function residentMb(pid) {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

async function firstOk(url, deadline) {
  while (performance.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(2);
  }
  throw new Error(`no 200 from ${url}`);
}

async function measureOnce(port) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hourbook-measure-'));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.MEASURE_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      join(REPO, process.env.MEASURE_ENTRY ?? 'build/server/main.js'),
    ],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        KV_REST_API_URL: '',
        KV_REDIS_URL: '',
        REDIS_URL: '',
        UPSTASH_REDIS_REST_URL: '',
      },
      stdio: 'ignore',
    },
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    await firstOk(`${base}/api/health`, started + 10_000);
    const startMs = performance.now() - started;
    // A few requests of every kind, as a browser would make them, then rest.
    const booking = { dateKey: '2031-03-03', timeKey: '09:00', user: 'Jack', duration: 1 };
    await fetch(`${base}/`).then((r) => r.text());
    await fetch(`${base}/api/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(booking),
    });
    for (let index = 0; index < 20; index += 1) {
      await fetch(`${base}/api/config`).then((r) => r.text());
      await fetch(`${base}/api/bookings?from=2031-03-02&to=2031-03-08`).then((r) => r.text());
    }
    await sleep(IDLE_MS);
    return { startMs, restingMb: residentMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (staleReason()) {
  const build = spawnSync(process.execPath, [join(REPO, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const results = [];
for (let run = 0; run < RUNS; run += 1) results.push(await measureOnce(3900 + run));
const startMs = median(results.map((result) => result.startMs));
const restingMb = median(results.map((result) => result.restingMb));
console.log(
  `start to first 200 on /api/health: ${startMs.toFixed(0)} ms (median of ${RUNS}; target ≤ ${TARGETS.startMs})`,
);
console.log(
  `resident memory at rest (VmRSS, ${IDLE_MS / 1000} s idle): ${restingMb.toFixed(1)} MB (median; target ≤ ${TARGETS.restingMb})`,
);
console.log(
  `  each run: ${results.map((r) => `${r.startMs.toFixed(0)} ms / ${r.restingMb.toFixed(1)} MB`).join(', ')}`,
);
process.exit(startMs <= TARGETS.startMs && restingMb <= TARGETS.restingMb ? 0 : 1);
