/**
 * The app icon as pixels: the favicon's drawing (src/client/assets/favicon.svg, a 32-unit square
 * with a bar and an outlined block) rendered at any size with 4×4 supersampling. `maskable`
 * fills the whole square (the platform cuts its own shape); the drawing sits well inside the
 * maskable safe zone (a centred circle of 40 % radius) either way.
 */
import { BRAND_ACCENT, BRAND_BACKGROUND } from './brand.js';

type Rgb = readonly [number, number, number];

function rgbOf(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/** Signed distance from (x, y) to a rounded rectangle, in the favicon's 32-unit space; ≤ 0 inside. */
function roundedRectDistance(x: number, y: number, left: number, top: number, w: number, h: number, r: number): number {
  const qx = Math.abs(x - (left + w / 2)) - w / 2 + r;
  const qy = Math.abs(y - (top + h / 2)) - h / 2 + r;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

/** What covers one point of the 32-unit square: the glyph, the tile, or nothing. */
function paintAt(x: number, y: number, maskable: boolean): 'accent' | 'background' | 'none' {
  const bar = roundedRectDistance(x, y, 7, 8, 18, 4, 2) <= 0;
  const block = Math.abs(roundedRectDistance(x, y, 7, 15, 18, 9, 3)) <= 1;
  if (bar || block) return 'accent';
  if (maskable || roundedRectDistance(x, y, 0, 0, 32, 32, 8) <= 0) return 'background';
  return 'none';
}

const SAMPLES = 4;

/** The icon as RGBA bytes, `size` × `size`. */
export function drawAppIcon(size: number, { maskable = false } = {}): Uint8Array {
  const accent = rgbOf(BRAND_ACCENT);
  const background = rgbOf(BRAND_BACKGROUND);
  const pixels = new Uint8Array(size * size * 4);
  const unit = 32 / size;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let accentHits = 0;
      let backgroundHits = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const paint = paintAt((px + (sx + 0.5) / SAMPLES) * unit, (py + (sy + 0.5) / SAMPLES) * unit, maskable);
          if (paint === 'accent') accentHits += 1;
          else if (paint === 'background') backgroundHits += 1;
        }
      }
      const covered = accentHits + backgroundHits;
      const at = (py * size + px) * 4;
      if (covered === 0) continue;
      for (let channel = 0; channel < 3; channel += 1) {
        pixels[at + channel] = Math.round(
          (accent[channel]! * accentHits + background[channel]! * backgroundHits) / covered,
        );
      }
      pixels[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return pixels;
}
