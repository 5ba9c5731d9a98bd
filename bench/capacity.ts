/**
 * `npm run capacity` (issue 8 §7): what one Redis and one server process hold.
 * 1. Memory per booking: a fresh Redis (started for the run), `used_memory` before and after
 *    seeding `CAPACITY_BOOKINGS` (default 100,000) bookings for one instance.
 * 2. Change latency through Redis: two production servers on one fresh Redis, a stream open on
 *    B, `CAPACITY_CHANGES` (default 200) creates through A one after another; the time from
 *    sending each POST to its `change` event arriving on B (p50, p99).
 * 3. Open streams: the production server on a SQLite store, `CAPACITY_STREAMS` (default 2,000)
 *    idle `GET /api/events` streams held open; its resident memory, and the one-week read
 *    throughput (autocannon, 10 connections, 5 s) with and without them.
 * `CAPACITY_PARTS` (e.g. `streams`) runs only some of the three.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { addDays, timeKeyOfHour } from '../src/core/time.js';
import type { DateKey } from '../src/core/time.js';
import { createRedisStore } from '../src/storage/redis/redis.store.js';
import { ensureBuilt } from '../test/support/built-tree.js';
import { startTestRedis } from '../test/support/redis-server.js';
import { startServerProcess } from '../test/support/server-process.js';
import { SEED_START, seedBlob, seedStore } from './seed.js';

const BOOKINGS = Number(process.env.CAPACITY_BOOKINGS ?? 100_000);
const STREAMS = Number(process.env.CAPACITY_STREAMS ?? 2_000);
const CHANGES = Number(process.env.CAPACITY_CHANGES ?? 200);

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
}

async function memoryPerBooking(): Promise<void> {
  const server = await startTestRedis();
  const inspect = new Redis(server.url);
  const store = await createRedisStore({ url: server.url, connectTimeoutMs: 2000, commandTimeoutMs: 60_000 });
  try {
    const before = await usedMemory(inspect);
    await store.bookings.replace('capacity', seedBlob(BOOKINGS));
    const perBooking = ((await usedMemory(inspect)) - before) / BOOKINGS;
    console.log(`Redis: ${perBooking.toFixed(0)} bytes per booking (${BOOKINGS.toLocaleString('en-US')} seeded)`);
    console.log(`  ≈ ${Math.floor(2 ** 30 / perBooking).toLocaleString('en-US')} bookings per GiB of Redis memory`);
  } finally {
    await store.close();
    inspect.disconnect();
    await server.close();
  }
}

function residentMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

async function weekReads(url: string, durationS = 5): Promise<number> {
  const week = `${url}/api/bookings?from=${SEED_START}&to=2030-01-12`;
  const result = await autocannon({ url: week, connections: 10, duration: durationS });
  return Math.round(result['2xx'] / result.duration);
}

/** Opens `count` streams and resolves once each has had its first event. */
function openStreams(url: string, count: number): Promise<() => void> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const requests: ReturnType<typeof get>[] = [];
  let open = 0;
  return new Promise((resolve, reject) => {
    for (let index = 0; index < count; index += 1) {
      const request = get(`${url}/api/events`, { agent }, (response) => {
        if (response.statusCode !== 200) reject(new Error(`stream ${index}: ${response.statusCode}`));
        response.once('data', () => {
          open += 1;
          if (open === count) resolve(() => (requests.forEach((r) => r.destroy()), agent.destroy()));
        });
      });
      request.on('error', reject);
      requests.push(request);
    }
  });
}

const SERVER_ENV = {
  KV_REST_API_URL: '',
  KV_REDIS_URL: '',
  REDIS_URL: '',
  HOST: '127.0.0.1',
  PORT: '0',
  RATE_LIMIT_MAX: '1000000000',
  RATE_LIMIT_READ_MAX: '1000000000',
};

async function changeLatency(): Promise<void> {
  const redis = await startTestRedis();
  const env = { ...SERVER_ENV, KV_REDIS_URL: redis.url, INSTANCE_SLUG: 'latency' };
  const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  const arrived = new Map<string, number>();
  let onArrival: (() => void) | undefined;
  const stream = get(`${b.url}/api/events`, (response) => {
    response.setEncoding('utf8');
    let buffer = '';
    response.on('data', (chunk: string) => {
      buffer += chunk;
      const events = buffer.split('\n\n');
      buffer = events.pop() ?? '';
      for (const event of events) {
        const data = /^data: (.*)$/m.exec(event)?.[1];
        if (!/^event: change$/m.test(event) || data === undefined) continue;
        const change = JSON.parse(data) as { dateKey: string; timeKey: string };
        arrived.set(`${change.dateKey} ${change.timeKey}`, performance.now());
      }
      onArrival?.();
    });
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const latencies: number[] = [];
    for (let index = 0; index < CHANGES; index += 1) {
      const slot = {
        dateKey: addDays('2031-01-05' as DateKey, Math.floor(index / 16)),
        timeKey: timeKeyOfHour(6 + (index % 16)),
      };
      const key = `${slot.dateKey} ${slot.timeKey}`;
      const sent = performance.now();
      const heard = new Promise<void>((resolve) => (onArrival = () => arrived.has(key) && resolve()));
      const response = await fetch(`${a.url}/api/bookings`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...slot, user: 'Jack', duration: 1 }),
      });
      if (response.status !== 201) throw new Error(`POST answered ${response.status}`);
      await heard;
      latencies.push(arrived.get(key)! - sent);
    }
    latencies.sort((x, y) => x - y);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    console.log(
      `Change latency, write on A → event on B through Redis (n = ${CHANGES}): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
    );
  } finally {
    stream.destroy();
    await Promise.all([a.stop(), b.stop()]);
    await redis.close();
  }
}

async function streamsPerProcess(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hourbook-capacity-'));
  const env = { ...SERVER_ENV, DATA_DIR: dir, EVENTS_MAX_PER_CLIENT: String(STREAMS + 10) };
  await seedStore({ ...process.env, ...env }, 1000);
  const server = await startServerProcess(env);
  const { child, url } = server;
  try {
    const idleMb = residentMb(child.pid!);
    // A warm-up first, so the figure without streams is not the cold start's.
    await weekReads(url, 2);
    const withoutStreams = await weekReads(url);
    const close = await openStreams(url, STREAMS);
    // Let the opening garbage go before reading the resident set.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const streamsMb = residentMb(child.pid!);
    const withStreams = await weekReads(url);
    close();
    console.log(
      `Server (SQLite): ${idleMb.toFixed(1)} MB resident idle, ${streamsMb.toFixed(1)} MB with ${STREAMS} open streams`,
    );
    console.log(
      `  one-week reads: ${withoutStreams} req/s without streams, ${withStreams} req/s with them (${Math.round((100 * withStreams) / withoutStreams)}%)`,
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `CAPACITY_PARTS=streams` (comma-separated: bookings, latency, streams) runs only those parts.
const PARTS = (process.env.CAPACITY_PARTS ?? 'bookings,latency,streams').split(',').map((part) => part.trim());
await ensureBuilt();
if (PARTS.includes('bookings')) await memoryPerBooking();
if (PARTS.includes('latency')) await changeLatency();
if (PARTS.includes('streams')) await streamsPerProcess();
