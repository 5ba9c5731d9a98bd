/** The manifest routes (issue 9 §13), in process on the one boot with a real SQLite store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp } from '../../test/support/api-server.js';
import type { TestApp } from '../../test/support/api-server.js';
import { hashAccessCode } from './access-code.js';
import { SECURITY_HEADERS } from './middleware/security-headers.js';

let sut: TestApp;

beforeAll(async () => {
  sut = await bootTestApp();
  const users = [{ name: 'Ann', key: 'a' }];
  const createdAt = '2026-01-01T00:00:00.000Z';
  await sut.store.instances.setConfig('team-a', { slug: 'team-a', title: 'Team A room', users, createdAt });
  const accessCodeHash = await hashAccessCode('open-sesame-1234');
  await sut.store.instances.setConfig('locked', {
    slug: 'locked',
    title: 'Secret lab',
    users,
    createdAt,
    accessCodeHash,
  });
});

afterAll(async () => {
  await sut.dispose();
});

describe('GET /manifest.webmanifest', () => {
  it("serves the default instance's manifest with its type, revalidation and the security headers", async () => {
    const response = await sut.app.request('/manifest.webmanifest');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    expect(await response.json()).toMatchObject({
      name: 'CPS Software Booking',
      start_url: '/',
      scope: '/',
      display: 'standalone',
    });
  });

  it("serves another instance's manifest under its own path, named after its title", async () => {
    const response = await sut.app.request('/i/team-a/manifest.webmanifest');

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: '/i/team-a/',
      name: 'Team A room',
      start_url: '/i/team-a/',
      scope: '/i/team-a/',
    });
  });

  it('does not tell the title of an instance that asks for its access code', async () => {
    const response = await sut.app.request('/i/locked/manifest.webmanifest');

    expect(response.status).toBe(200);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ name: 'Hourbook', scope: '/i/locked/' });
    expect(body).not.toContain('Secret lab');
  });

  it('answers 404 for an unknown or impossible instance, with the security headers', async () => {
    for (const path of ['/i/nobody-here/manifest.webmanifest', '/i/NOT_A_SLUG/manifest.webmanifest']) {
      const response = await sut.app.request(path);

      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'Instance not found' });
      expect(response.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    }
  });
});

describe('on Vercel', () => {
  it('routes both manifest paths to the function before the single-page fallback', async () => {
    const { readFileSync } = await import('node:fs');
    const vercel = JSON.parse(readFileSync(new URL('../../vercel.json', import.meta.url), 'utf8')) as {
      rewrites: { source: string; destination: string }[];
    };
    const targetOf = (path: string) =>
      vercel.rewrites.find((rewrite) => new RegExp(`^${rewrite.source.replace(/:\w+\*?/g, '[^/]+')}$`).test(path))
        ?.destination;

    expect(targetOf('/manifest.webmanifest')).toBe('/api/instance');
    expect(targetOf('/i/team-a/manifest.webmanifest')).toBe('/api/instance');
  });
});
