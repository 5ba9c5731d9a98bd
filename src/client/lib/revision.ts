/**
 * The server's revisions as the client compares them (issue 8): `<epoch>-<counter>`, e.g.
 * `k3x9-42`, the value the `ETag` of `GET /api/bookings` carries in quotes. Only revisions of one
 * epoch can be ordered; anything else is a gap.
 */

function parse(revision: string): { epoch: string; counter: number } | undefined {
  const match = /^(.+)-(\d{1,15})$/.exec(revision);
  return match ? { epoch: match[1]!, counter: Number(match[2]) } : undefined;
}

/**
 * Where `incoming` stands after `held`: already `seen` (same or older), the `next` one, or a
 * `gap` (later by more than one, another epoch, or nothing held), e.g. `k-4` after `k-3` is next.
 */
export function placeOfRevision(incoming: string, held: string | null): 'seen' | 'next' | 'gap' {
  if (held === incoming) return 'seen';
  const a = held === null ? undefined : parse(held);
  const b = parse(incoming);
  if (!a || !b || a.epoch !== b.epoch) return 'gap';
  if (b.counter <= a.counter) return 'seen';
  return b.counter === a.counter + 1 ? 'next' : 'gap';
}

/** The revision an `ETag` carries: `"k3x9-42"` or `W/"k3x9-42"` → `k3x9-42`. */
export function revisionOfEtag(etag: string | null): string | null {
  if (!etag) return null;
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}
