/**
 * Redis Cluster outages (issue 8 §6, as issue 3 §6 for one server), production timeouts, over
 * real HTTP. With every node gone the API answers 503 within a second, and once the cluster is
 * back the next requests succeed without restarting the server. With one master gone, only the
 * instances in its slots answer 503 (fast); instances on the other shards keep working, and the
 * shard's instances recover when it returns. The cluster runs with
 * `cluster-require-full-coverage no`, as README asks of a production cluster.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, storeConfigFromEnv } from '../../src/storage/select-store.js';
import { instanceKeys } from '../../src/storage/redis/keyspace.js';
import type { Store } from '../../src/storage/store.js';
import { startApiServer } from '../support/api-server.js';
import type { RunningApi } from '../support/api-server.js';
import { uniqueSlug } from '../support/factories.js';
import { shouldSkipCluster, startTestCluster } from '../support/redis-cluster.js';
import type { TestRedisCluster } from '../support/redis-cluster.js';

const skip = shouldSkipCluster();

async function timedStatus(url: string, init?: RequestInit): Promise<{ status: number; ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body = await response.text();
  return { status: response.status, ms: performance.now() - started, body };
}

let day = 0;
/** A create at a fresh slot. */
function createAt(api: RunningApi): Promise<{ status: number; ms: number; body: string }> {
  day += 1;
  return timedStatus(`${api.url}/api/bookings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      dateKey: `2030-03-${String(day).padStart(2, '0')}`,
      timeKey: '10:00',
      user: 'Jack',
      duration: 1,
    }),
  });
}

/** Retries a create until it is 201 (or 5 s pass): recovery needs no server restart. */
async function createdWithin5s(api: RunningApi): Promise<number> {
  const deadline = Date.now() + 5000;
  let status = 0;
  while (Date.now() < deadline && status !== 201) {
    status = (await createAt(api)).status;
    if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return status;
}

describe.skipIf(skip)('redis cluster outage', () => {
  let cluster: TestRedisCluster;
  let store: Store;
  const apis: RunningApi[] = [];

  beforeAll(async () => {
    cluster = await startTestCluster({ nodeTimeoutMs: 1000, requireFullCoverage: false });
    // Production settings, the cluster named explicitly.
    store = await createStore(storeConfigFromEnv({ KV_REDIS_URL: cluster.url, REDIS_CLUSTER: '1' }));
  }, 20_000);
  afterAll(async () => {
    for (const api of apis) await api.close();
    await store?.close();
    await cluster?.close();
  });

  async function serve(slug: string): Promise<RunningApi> {
    const api = await startApiServer({ store, slug });
    apis.push(api);
    return api;
  }

  /** The port of the master that serves `key`'s slot. */
  async function masterOf(key: string): Promise<number> {
    const probe = new Redis(cluster.ports[0]!, '127.0.0.1');
    try {
      const slot = Number(await probe.call('CLUSTER', 'KEYSLOT', key));
      const ranges = (await probe.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
      return ranges.find(([from, to]) => slot >= from && slot <= to)![2][1];
    } finally {
      probe.disconnect();
    }
  }

  /** Every master this instance's requests reach: its tagged slot and the original's config key. */
  async function mastersOf(slug: string): Promise<Set<number>> {
    const keys = instanceKeys(slug);
    return new Set([await masterOf(keys.revision), await masterOf(keys.config)]);
  }

  it('answers 503 within a second while every node is down, and serves again after they return', async () => {
    const api = await serve('cluster-outage');
    expect((await timedStatus(`${api.url}/api/bookings`)).status).toBe(200);

    await cluster.stop();
    const down = [];
    for (let attempt = 0; attempt < 4; attempt += 1) down.push(await timedStatus(`${api.url}/api/bookings`));
    expect(down.map((reply) => reply.status)).toEqual([503, 503, 503, 503]);
    expect(Math.max(...down.map((reply) => reply.ms))).toBeLessThan(1000);

    await cluster.restart();
    expect(await createdWithin5s(api)).toBe(201);
  });

  it('with one master down, answers a fast 503 only for instances in its slots, serves the others, and recovers', async () => {
    const stopped = cluster.ports[1]!;
    // One instance entirely on the shard that goes down, one entirely on the others.
    let onStopped: string | undefined;
    let elsewhere: string | undefined;
    for (let tries = 0; tries < 200 && !(onStopped && elsewhere); tries += 1) {
      const slug = uniqueSlug('shard');
      const masters = await mastersOf(slug);
      if (masters.size === 1 && masters.has(stopped)) onStopped ??= slug;
      if (!masters.has(stopped)) elsewhere ??= slug;
    }
    const [down, up] = [await serve(onStopped!), await serve(elsewhere!)];
    expect((await createAt(down)).status).toBe(201);
    expect((await createAt(up)).status).toBe(201);

    await cluster.stopNode(stopped);
    // Past the node timeout, once the other masters have marked it failed (cluster_state:fail).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const refused = [await timedStatus(`${down.url}/api/bookings`), await createAt(down)];
    expect(refused.map((reply) => reply.status)).toEqual([503, 503]);
    expect(JSON.parse(refused[0]!.body)).toEqual({ error: 'Storage unavailable' });
    // Fast, not hung on the dead node: well within a second here, with room for a busy machine.
    expect(Math.max(...refused.map((reply) => reply.ms))).toBeLessThan(3000);
    // Asked right after the refusals: a timeout on one shard must not drop the other shards' connections.
    expect((await timedStatus(`${up.url}/api/bookings`)).status).toBe(200);
    expect((await createAt(up)).status).toBe(201);
    expect((await createAt(down)).status).toBe(503);
    expect((await timedStatus(`${up.url}/api/bookings`)).status).toBe(200);

    await cluster.restartNode(stopped);
    expect(await createdWithin5s(down)).toBe(201);
    expect((await createAt(up)).status).toBe(201);
  });
});
