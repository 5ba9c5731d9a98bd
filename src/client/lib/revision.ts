/** The server's revision as the client reads it off an `ETag` (ordering: src/core/revision.ts). */

/** The revision an `ETag` carries: `"k3x9-42"` or `W/"k3x9-42"` → `k3x9-42`. */
export function revisionOfEtag(etag: string | null): string | null {
  if (!etag) return null;
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}
