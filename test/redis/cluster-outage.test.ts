/**
 * A Redis Cluster outage (issue 8 §6, as issue 3 §6 for one server): with every node gone the API
 * answers 503 within a second, and once the cluster is back the next requests succeed without
 * restarting the server. Production timeouts, over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, storeConfigFromEnv } from '../../src/storage/select-store.js';
import type { Store } from '../../src/storage/store.js';
import { startApiServer } from '../support/api-server.js';
import type { RunningApi } from '../support/api-server.js';
import { shouldSkipCluster, startTestCluster } from '../support/redis-cluster.js';
import type { TestRedisCluster } from '../support/redis-cluster.js';

const skip = shouldSkipCluster();

async function timedStatus(url: string, init?: RequestInit): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

describe.skipIf(skip)('redis cluster outage', () => {
  let cluster: TestRedisCluster;
  let store: Store;
  let api: RunningApi;

  beforeAll(async () => {
    cluster = await startTestCluster();
    // Production settings, the cluster named explicitly.
    store = await createStore(storeConfigFromEnv({ KV_REDIS_URL: cluster.url, REDIS_CLUSTER: '1' }));
    api = await startApiServer({ store, slug: 'cluster-outage' });
  }, 20_000);
  afterAll(async () => {
    await api?.close();
    await store?.close();
    await cluster?.close();
  });

  it('answers 503 within a second while every node is down, and serves again after they return', async () => {
    expect((await timedStatus(`${api.url}/api/bookings`)).status).toBe(200);

    await cluster.stop();
    const down = [];
    for (let attempt = 0; attempt < 4; attempt += 1) down.push(await timedStatus(`${api.url}/api/bookings`));
    expect(down.map((reply) => reply.status)).toEqual([503, 503, 503, 503]);
    expect(Math.max(...down.map((reply) => reply.ms))).toBeLessThan(1000);

    await cluster.restart();
    const deadline = Date.now() + 5000;
    let status = 0;
    while (Date.now() < deadline && status !== 201) {
      status = (
        await timedStatus(`${api.url}/api/bookings`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ dateKey: '2030-03-04', timeKey: '10:00', user: 'Jack', duration: 1 }),
        })
      ).status;
      if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(201);
  });
});
