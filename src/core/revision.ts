/**
 * Revisions (issue 8): `<epoch>-<counter>`, e.g. `k3x9-42`, the value the `ETag` of
 * `GET /api/bookings` carries and the id of each change event. Only revisions of one epoch can
 * be ordered; anything else is a gap. Used by the stores, the change stream and the client.
 */

/** `epoch-counter` split, e.g. `k3x9-42` → `{ epoch: 'k3x9', counter: 42 }`; undefined otherwise. */
export function parseRevision(revision: string): { epoch: string; counter: number } | undefined {
  const match = /^(.+)-(\d{1,15})$/.exec(revision);
  return match ? { epoch: match[1]!, counter: Number(match[2]) } : undefined;
}

/**
 * Where `incoming` stands after `held`: already `seen` (same or older), the `next` one, or a
 * `gap` (later by more than one, another epoch, or nothing held), e.g. `k-4` after `k-3` is next.
 */
export function placeOfRevision(incoming: string, held: string | null): 'seen' | 'next' | 'gap' {
  if (held === incoming) return 'seen';
  const a = held === null ? undefined : parseRevision(held);
  const b = parseRevision(incoming);
  if (!a || !b || a.epoch !== b.epoch) return 'gap';
  if (b.counter <= a.counter) return 'seen';
  return b.counter === a.counter + 1 ? 'next' : 'gap';
}
