/** The pure parts of the installable app: manifest, cache names, build version, icons and PNG. */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawAppIcon } from './app-icon.js';
import { BRAND_ACCENT, BRAND_BACKGROUND } from './brand.js';
import { crc32, encodePng } from './png.js';
import { isApiPath, isStaleShellCache, shellCacheName } from './shell-cache.js';
import { shellVersionOf } from './shell-version.js';
import { shortNameOf, webManifestOf } from './web-manifest.js';

describe('webManifestOf', () => {
  it('names the app after the instance and keeps it to the instance path', () => {
    const sut = webManifestOf({ title: 'Team room', scope: '/i/team-a/' });

    expect(sut).toMatchObject({
      id: '/i/team-a/',
      name: 'Team room',
      short_name: 'Team room',
      start_url: '/i/team-a/',
      scope: '/i/team-a/',
      display: 'standalone',
      theme_color: BRAND_BACKGROUND,
      background_color: BRAND_BACKGROUND,
    });
    expect(sut.icons).toEqual([
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ]);
  });

  it('shortens a long title to its leading words', () => {
    expect(shortNameOf('CPS Software Booking')).toBe('CPS Software');
    expect(shortNameOf('Supercalifragilistic room')).toBe('Supercalifra');
    expect(shortNameOf('Room')).toBe('Room');
  });
});

describe('shell caches', () => {
  it('names one cache per scope and build, and finds only the same scope’s older ones stale', () => {
    const current = shellCacheName('/', 'v2');

    expect(isStaleShellCache(shellCacheName('/', 'v1'), '/', 'v2')).toBe(true);
    expect(isStaleShellCache(current, '/', 'v2')).toBe(false);
    expect(isStaleShellCache(shellCacheName('/i/a/', 'v1'), '/', 'v2')).toBe(false);
    expect(isStaleShellCache(shellCacheName('/i/ab/', 'v1'), '/i/a/', 'v2')).toBe(false);
    expect(isStaleShellCache('someone-else', '/', 'v2')).toBe(false);
  });

  it('tells API paths apart from the page’s', () => {
    expect(isApiPath('/api/bookings')).toBe(true);
    expect(isApiPath('/api')).toBe(true);
    expect(isApiPath('/apiary')).toBe(false);
    expect(isApiPath('/i/team-a/')).toBe(false);
  });

  it('versions a build by the paths and bytes of its files, in any order', () => {
    const js = { path: '/assets/index-1.js', content: Buffer.from('a') };
    const html = { path: '/index.html', content: Buffer.from('<html>') };
    const base = shellVersionOf([js, html]);

    expect(shellVersionOf([html, js])).toBe(base);
    expect(shellVersionOf([js, { ...html, content: Buffer.from('<html> ') }])).not.toBe(base);
    expect(shellVersionOf([js])).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('brand colours', () => {
  it('are the design tokens', () => {
    const tokens = readFileSync(new URL('../client/styles/tokens.css', import.meta.url), 'utf8');

    expect(tokens).toContain(`--bg-1: ${BRAND_BACKGROUND};`);
    expect(tokens).toContain(`--accent: ${BRAND_ACCENT};`);
  });
});

/** The chunks of a PNG file: type, data, and whether its CRC is right. */
function chunksOf(png: Buffer): { type: string; data: Buffer; crcOk: boolean }[] {
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const typed = png.subarray(at + 4, at + 8 + length);
    chunks.push({
      type: typed.subarray(0, 4).toString('latin1'),
      data: typed.subarray(4),
      crcOk: png.readUInt32BE(at + 8 + length) === crc32(typed),
    });
    at += 12 + length;
  }
  return chunks;
}

describe('encodePng', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes signature, header, filtered scanlines and end, each chunk with its CRC', () => {
    const pixels = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
    const sut = encodePng(2, 2, pixels);

    expect([...sut.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = chunksOf(sut);
    expect(chunks.map((chunk) => [chunk.type, chunk.crcOk])).toEqual([
      ['IHDR', true],
      ['IDAT', true],
      ['IEND', true],
    ]);
    expect([...chunks[0]!.data]).toEqual([0, 0, 0, 2, 0, 0, 0, 2, 8, 6, 0, 0, 0]);
    expect([...inflateSync(chunks[1]!.data)]).toEqual([0, ...pixels.subarray(0, 8), 0, ...pixels.subarray(8)]);
  });

  it('refuses pixels of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow('expected 16 bytes');
  });
});

describe('drawAppIcon', () => {
  const pixel = (icon: Uint8Array, size: number, x: number, y: number) => [
    ...icon.subarray((y * size + x) * 4, (y * size + x) * 4 + 4),
  ];

  it('draws the favicon: accent bar on the background, transparent rounded corners', () => {
    const sut = drawAppIcon(192);

    expect(pixel(sut, 192, 0, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(sut, 192, 96, 10)).toEqual([0x0a, 0x16, 0x28, 255]);
    expect(pixel(sut, 192, 96, 60)).toEqual([0x00, 0xe5, 0xe5, 255]);
  });

  it('fills the whole square when maskable, the glyph inside the safe zone', () => {
    const sut = drawAppIcon(192, { maskable: true });

    expect(pixel(sut, 192, 0, 0)).toEqual([0x0a, 0x16, 0x28, 255]);
    const radius = 0.4 * 192;
    for (let y = 0; y < 192; y += 1) {
      for (let x = 0; x < 192; x += 1) {
        if (pixel(sut, 192, x, y)[1] === 0xe5) expect(Math.hypot(x + 0.5 - 96, y + 0.5 - 96)).toBeLessThan(radius);
      }
    }
  });
});
