/**
 * Hourbook on a real 3-master Redis Cluster (issue 8 §6), started once for this file: instance
 * keys share one slot while instances spread over the shards, servers in front of the cluster
 * behave as one, the config check holds across slots, and both migrations (the untagged layout
 * of Hourbook before issue 8, and the original's blob) happen exactly once when four servers
 * start together, on the cluster and on a single Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, Redis } from 'ioredis';
import { createRedisStore } from '../../src/storage/redis/redis.store.js';
import { instanceKeys, rateLimitKey } from '../../src/storage/redis/keyspace.js';
import { bookingTriples, migrateLegacyBookings, planLegacyImport } from '../../src/storage/legacy-migration.js';
import { ConfigChangedError } from '../../src/storage/store.js';
import type { Store } from '../../src/storage/store.js';
import { configVersionOf } from '../../src/storage/stored-values.js';
import { bootWithStore } from '../support/api-server.js';
import { slot, uniqueSlug } from '../support/factories.js';
import { shouldSkipCluster, startTestCluster } from '../support/redis-cluster.js';
import type { TestRedisCluster } from '../support/redis-cluster.js';
import { startTestRedis } from '../support/redis-server.js';
import type { TestRedis } from '../support/redis-server.js';
import { legacyFixture } from './legacy-fixture.js';
import { untaggedBlob, writeUntaggedLayout } from './untagged-fixture.js';

const RULES = { closeHour: 22 } as const;
const skip = shouldSkipCluster();
const silent = () => undefined;

interface Target {
  name: string;
  url: string;
  inspect: Redis | Cluster;
}

let cluster: TestRedisCluster;
let single: TestRedis;
const targets: Target[] = [];

const openStore = (url: string) => createRedisStore({ url, connectTimeoutMs: 1000, commandTimeoutMs: 5000 });

beforeAll(async () => {
  if (skip) return;
  [cluster, single] = await Promise.all([startTestCluster(), startTestRedis()]);
  targets.push(
    { name: 'cluster', url: cluster.url, inspect: new Cluster([{ host: '127.0.0.1', port: cluster.ports[0]! }]) },
    { name: 'single Redis', url: single.url, inspect: new Redis(single.url) },
  );
}, 20_000);
afterAll(async () => {
  targets.forEach((target) => target.inspect.disconnect(false));
  await Promise.all([cluster?.close(), single?.close()]);
});

/** Four servers starting at once against `url`; closed after `work`. */
async function withFourServers<T>(url: string, work: (stores: Store[]) => Promise<T>): Promise<T> {
  const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(url)));
  try {
    return await work(stores);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
}

describe.skipIf(skip)('Redis Cluster', () => {
  let sut: Store;
  let inspect: Cluster;
  beforeAll(async () => {
    sut = await openStore(cluster.url);
    inspect = targets[0]!.inspect as Cluster;
  });
  afterAll(async () => {
    await sut?.close();
  });

  it("keeps every key of an instance's request in one slot, and spreads instances over the shards", async () => {
    const slugs = Array.from({ length: 12 }, () => uniqueSlug('spread'));
    for (const slug of slugs) {
      const keys = instanceKeys(slug);
      const together = [keys.dates, `${keys.dayPrefix}2026-12-01`, keys.revision, keys.configCopy, keys.noCharge];
      together.push(rateLimitKey({ budget: 'write', client: '203.0.113.9', instance: slug }));
      const slots = await Promise.all(together.map((key) => inspect.cluster('KEYSLOT', key)));
      expect(new Set(slots).size).toBe(1);
      await sut.bookings.create(slug, slot('2026-12-01', '09:00'), { user: 'Jack', duration: 1 }, RULES);
    }
    const holding = await Promise.all(
      inspect.nodes('master').map(async (node) => (await node.keys('instance:{spread-*:dates')).length),
    );
    expect(holding.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
    expect(holding.reduce((sum, count) => sum + count, 0)).toBe(slugs.length);
  });

  it('answers exactly one 201 to concurrent creates of one slot through two servers', async () => {
    const slug = uniqueSlug('race');
    const stores = await Promise.all([openStore(cluster.url), openStore(cluster.url)]);
    try {
      const servers = await Promise.all(stores.map((store) => bootWithStore({ store, slug })));
      const post = (index: number) =>
        servers[index % 2]!.app.request('/api/bookings', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ dateKey: '2030-03-04', timeKey: '10:00', user: 'Jack', duration: 1 }),
        });
      const statuses = (await Promise.all(Array.from({ length: 12 }, (_, index) => post(index)))).map((r) => r.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(11);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('sends a checked, charged write as one command to one shard', async () => {
    const slug = uniqueSlug('cost');
    await sut.instances.setConfig(slug, { title: 'Room' });
    const { version } = await sut.instances.getConfig(slug);
    // Each node caches a script on first use (NOSCRIPT, then EVAL once): warm this shard up.
    await sut.bookings.create(slug, slot('2030-03-05', '09:00'), { user: 'Jack', duration: 1 }, RULES);
    const masters = inspect.nodes('master');
    await Promise.all(masters.map((node) => node.config('RESETSTAT')));

    await sut.bookings.create(slug, slot('2030-03-04', '09:00'), { user: 'Jack', duration: 1 }, RULES, {
      configVersion: version,
      charge: {
        bucket: { budget: 'write', client: '203.0.113.9' },
        windowMs: 60_000,
        now: Date.now(),
        max: 60,
        record: () => undefined,
      },
    });

    // Calls per node, script-internal ones included, beside this test's own RESETSTAT and INFO.
    const calls = await Promise.all(
      masters.map(async (node) => {
        const info = await node.info('commandstats');
        return [...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)]
          .filter((m) => m[1] !== 'config|resetstat' && m[1] !== 'info')
          .map((m) => `${m[1]}=${m[2]}`);
      }),
    );
    const busy = calls.filter((node) => node.length > 0);
    expect(busy).toHaveLength(1);
    expect(busy[0]!.filter((call) => call.startsWith('eval'))).toEqual(['evalsha=1']);
  });

  it("follows a hand edit of the original's config key, refusing writes validated against the old one", async () => {
    const slug = uniqueSlug('config');
    await sut.instances.setConfig(slug, { title: 'before' });
    const edited = JSON.stringify({ title: 'edited by hand' });
    await inspect.set(instanceKeys(slug).config, edited);
    // Every request reads the config before it validates a write.
    expect((await sut.instances.getConfig(slug)).text).toBe(edited);

    const stale = sut.bookings.create(slug, slot('2030-03-04', '09:00'), { user: 'Jack', duration: 1 }, RULES, {
      configVersion: configVersionOf(JSON.stringify({ title: 'before' })),
    });
    await expect(stale).rejects.toThrow(ConfigChangedError);
    await expect(stale.catch((error: ConfigChangedError) => error.current.text)).resolves.toBe(edited);

    const current = await sut.instances.getConfig(slug);
    expect(current.text).toBe(edited);
    await sut.bookings.create(slug, slot('2030-03-04', '09:00'), { user: 'Jack', duration: 1 }, RULES, {
      configVersion: current.version,
    });
    expect(await inspect.get(instanceKeys(slug).configCopy)).toBe(edited);
  });

  it("accepts a write validated against a config only the original's clients wrote (no copy yet)", async () => {
    const slug = uniqueSlug('config');
    const text = JSON.stringify({ title: 'set by the original' });
    await inspect.set(instanceKeys(slug).config, text);

    await sut.bookings.create(slug, slot('2030-03-04', '09:00'), { user: 'Jack', duration: 1 }, RULES, {
      configVersion: configVersionOf(text),
    });

    expect(await inspect.get(instanceKeys(slug).configCopy)).toBe(text);
  });

  it("migrates the original's blob once when four servers start together, keeping its exact key names", async () => {
    const slug = uniqueSlug('legacy');
    const fixture = legacyFixture();
    const raw = JSON.stringify(fixture.blob);
    await inspect.set(`instance:${slug}:bookings`, raw);

    const reports = await withFourServers(cluster.url, (stores) =>
      Promise.all(stores.map((store) => migrateLegacyBookings(store, slug, silent))),
    );

    expect(reports.filter((report) => report.status === 'migrated')).toHaveLength(1);
    expect(reports.filter((report) => report.status === 'already-migrated')).toHaveLength(3);
    expect((await sut.bookings.list(slug)).bookings).toEqual(planLegacyImport(fixture.blob).bookings);
    expect(await inspect.get(`instance:${slug}:bookings:backup-legacy`)).toBe(raw);
    expect(await inspect.exists(`instance:${slug}:bookings`)).toBe(0);
    expect(await inspect.exists(`instance:${slug}:bookings:migrated`)).toBe(1);
  });

  it('finishes a legacy migration that stopped after the import, without importing twice', async () => {
    const slug = uniqueSlug('legacy');
    const raw = JSON.stringify(legacyFixture().blob);
    await inspect.set(`instance:${slug}:bookings`, raw);
    await migrateLegacyBookings(sut, slug, silent);
    await sut.bookings.delete(slug, slot(Object.keys((await sut.bookings.list(slug)).bookings)[0]!, '07:00'));
    const before = await sut.bookings.list(slug);
    // A crash right after the import: the blob still there, no marker yet.
    await inspect.set(`instance:${slug}:bookings`, raw);
    await inspect.del(`instance:${slug}:bookings:migrated`);

    const report = await migrateLegacyBookings(sut, slug, silent);

    expect(report.status).toBe('already-migrated');
    expect(await sut.bookings.list(slug)).toEqual(before);
    expect(await inspect.exists(`instance:${slug}:bookings`)).toBe(0);
    expect(await inspect.exists(`instance:${slug}:bookings:migrated`)).toBe(1);
  });
});

describe.skipIf(skip).each(['cluster', 'single Redis'])('layout upgrade on %s', (name) => {
  const target = () => targets.find((candidate) => candidate.name === name)!;

  it('reads a store written in the untagged layout back identically, upgraded once by four servers starting together', async () => {
    const slug = uniqueSlug('upgrade');
    const { inspect, url } = target();
    // Over a hundred dates, more than one batch of single-key reads.
    const blob = { ...planLegacyImport(legacyFixture().blob).bookings, ...untaggedBlob() };
    const counts = { days: Object.keys(blob).length, bookings: bookingTriples(blob).length / 3 };
    await writeUntaggedLayout(inspect, slug, blob, 'a1b2c3d4-41');

    const reports = await withFourServers(url, (stores) =>
      Promise.all(stores.map((store) => store.migrations.upgradeLayout(slug))),
    );

    expect(counts.days).toBeGreaterThan(100);
    expect(reports.filter((report) => report.status === 'upgraded')).toEqual([{ status: 'upgraded', ...counts }]);
    expect(reports.filter((report) => report.status === 'already-upgraded')).toHaveLength(3);
    const store = await openStore(url);
    try {
      expect((await store.bookings.list(slug)).bookings).toEqual(blob);
      expect(await store.bookings.revision(slug)).toBe('a1b2c3d4-42');
      const left = await Promise.all(
        ['dates', 'rev', 'day:2026-12-01', 'day:2026-12-02', 'day:2027-01-15'].map((suffix) =>
          inspect.exists(`instance:${slug}:${suffix}`),
        ),
      );
      expect(left).toEqual([0, 0, 0, 0, 0]);
    } finally {
      await store.close();
    }
  });

  it('finishes an upgrade that stopped before deleting the old keys, never writing them over newer bookings', async () => {
    const slug = uniqueSlug('upgrade');
    const { inspect, url } = target();
    await writeUntaggedLayout(inspect, slug, untaggedBlob(), 'a1b2c3d4-7');
    const store = await openStore(url);
    try {
      await store.migrations.upgradeLayout(slug);
      await store.bookings.delete(slug, slot('2026-12-02', '07:00'));
      const after = await store.bookings.list(slug);
      // A crash between the upgrade and the deletions: the old keys are still there.
      await writeUntaggedLayout(inspect, slug, untaggedBlob(), 'a1b2c3d4-7');

      expect(await store.migrations.upgradeLayout(slug)).toEqual({ status: 'already-upgraded', days: 0, bookings: 0 });
      expect(await store.bookings.list(slug)).toEqual(after);
      expect(await inspect.exists(`instance:${slug}:day:2026-12-02`)).toBe(0);
      expect(await inspect.exists(`instance:${slug}:dates`)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('reports nothing to upgrade for an instance the old layout never held', async () => {
    const store = await openStore(target().url);
    try {
      expect(await store.migrations.upgradeLayout(uniqueSlug('fresh'))).toEqual({
        status: 'nothing-to-upgrade',
        days: 0,
        bookings: 0,
      });
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(skip).each(['cluster', 'single Redis'])('instance removal on %s', (name) => {
  const target = () => targets.find((candidate) => candidate.name === name)!;
  let sut: Store;
  beforeAll(async () => {
    sut = await openStore(target().url);
  });
  afterAll(async () => {
    await sut?.close();
  });

  /** Every key whose name holds `slug`, on every master. */
  async function keysOf(slug: string): Promise<string[]> {
    const { inspect } = target();
    const nodes = inspect instanceof Cluster ? inspect.nodes('master') : [inspect];
    return (await Promise.all(nodes.map((node) => node.keys(`*${slug}*`)))).flat().sort();
  }

  it("removes every key of an instance, the original's untagged ones included", async () => {
    const slug = uniqueSlug('gone');
    const keys = instanceKeys(slug);
    await sut.instances.create(slug, { title: 'Room' });
    await sut.bookings.create(slug, slot('2030-03-04', '09:00'), { user: 'Jack', duration: 1 }, RULES, {
      charge: {
        bucket: { budget: 'write', client: '203.0.113.9', instance: slug },
        windowMs: 60_000,
        now: Date.now(),
        max: 60,
        record: () => undefined,
      },
    });
    const { inspect } = target();
    await Promise.all([
      inspect.set(keys.legacy, '{}'),
      inspect.set(keys.legacyBackup, '{}'),
      inspect.set(keys.migrated, '{}'),
    ]);
    await writeUntaggedLayout(inspect, slug, { '2030-03-05': { '10:00': { user: 'Rue', duration: 1 } } }, 'old-3');
    expect((await keysOf(slug)).length).toBeGreaterThanOrEqual(10);

    expect(await sut.instances.remove(slug)).toBe(true);

    expect(await keysOf(slug)).toEqual([]);
  });
});

describe.skipIf(skip)('instance removal cut short on a cluster', () => {
  let sut: Store;
  let inspect: Cluster;
  beforeAll(async () => {
    sut = await openStore(cluster.url);
    inspect = targets[0]!.inspect as Cluster;
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('refuses writes once the slot is wiped, never re-making the copy, and is finished by running it again', async () => {
    const slug = uniqueSlug('cut');
    const keys = instanceKeys(slug);
    await sut.instances.create(slug, { title: 'Room' });
    const { version } = await sut.instances.getConfig(slug);
    // What the removal's first step leaves, had the process died right after it.
    await inspect.set(keys.removing, '1');
    await inspect.del(keys.configCopy);

    expect((await sut.instances.getConfig(slug)).version).toBe(version);
    const inFlight = sut.bookings.create(slug, slot('2030-03-04', '09:00'), { user: 'Jack', duration: 1 }, RULES, {
      configVersion: version,
    });
    await expect(inFlight).rejects.toThrow(ConfigChangedError);
    expect(await inspect.get(keys.configCopy)).toBeNull();
    expect((await sut.bookings.list(slug)).bookings).toEqual({});

    expect(await sut.instances.remove(slug)).toBe(true);
    expect([await inspect.exists(keys.config), await inspect.exists(keys.removing)]).toEqual([0, 0]);
  });

  it('starts a new instance clean over a marker a removal left behind', async () => {
    const slug = uniqueSlug('cut');
    const keys = instanceKeys(slug);
    await inspect.set(keys.removing, '1');

    await sut.instances.create(slug, { title: 'Room' });
    const { version } = await sut.instances.getConfig(slug);
    await sut.bookings.create(slug, slot('2030-03-04', '09:00'), { user: 'Jack', duration: 1 }, RULES, {
      configVersion: version,
    });

    expect(await inspect.exists(keys.removing)).toBe(0);
    expect((await sut.bookings.list(slug)).bookings).toEqual({
      '2030-03-04': { '09:00': { user: 'Jack', duration: 1 } },
    });
  });
});
