/** Day-view row focus with ↑/↓ (PRODUCT.md §6.11). */

/** The next focused hour: ↓ from nothing → first, ↑ → last, else next/previous with wrap. */
export function nextFocus(candidates: readonly number[], current: number | null, direction: -1 | 1): number | null {
  if (candidates.length === 0) return null;
  const index = current === null ? -1 : candidates.indexOf(current);
  if (index < 0) return direction === 1 ? (candidates[0] ?? null) : (candidates[candidates.length - 1] ?? null);
  const next = (index + direction + candidates.length) % candidates.length;
  return candidates[next] ?? null;
}
