/**
 * `npm run capacity` (issue 8 §7): what one Redis and one server process hold.
 * 1. Memory per booking: a fresh Redis (started for the run), `used_memory` before and after
 *    seeding `CAPACITY_BOOKINGS` (default 100,000) bookings for one instance.
 * 2. Open streams: the production server on a SQLite store, `CAPACITY_STREAMS` (default 2,000)
 *    idle `GET /api/events` streams held open; its resident memory, and the one-week read
 *    throughput (autocannon, 10 connections, 5 s) with and without them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { createRedisStore } from '../src/storage/redis/redis.store.js';
import { BUILT_SERVER, ensureBuilt } from '../test/support/built-tree.js';
import { startTestRedis } from '../test/support/redis-server.js';
import { SEED_START, seedBlob, seedStore } from './seed.js';

const BOOKINGS = Number(process.env.CAPACITY_BOOKINGS ?? 100_000);
const STREAMS = Number(process.env.CAPACITY_STREAMS ?? 2_000);

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

async function weekReads(url: string): Promise<number> {
  const week = `${url}/api/bookings?from=${SEED_START}&to=2030-01-12`;
  const result = await autocannon({ url: week, connections: 10, duration: 5 });
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

async function streamsPerProcess(): Promise<void> {
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'hourbook-capacity-'));
  const env = {
    ...process.env,
    DATA_DIR: dir,
    KV_REST_API_URL: '',
    KV_REDIS_URL: '',
    REDIS_URL: '',
    HOST: '127.0.0.1',
    PORT: '0',
    RATE_LIMIT_READ_MAX: '1000000000',
    EVENTS_MAX_PER_CLIENT: String(STREAMS + 10),
  };
  await seedStore(env, 1000);
  const child = spawn(process.execPath, [BUILT_SERVER], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
    });
    const url = `http://127.0.0.1:${port}`;
    const idleMb = residentMb(child.pid!);
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
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

await memoryPerBooking();
await streamsPerProcess();
