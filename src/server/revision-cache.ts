/**
 * Serialised `GET /api/bookings` bodies keyed by bookings revision and range. A revision names
 * one state of the data and never repeats (`Store.bookings.revision`), so an entry can never be
 * stale for its key; newer revisions simply miss. Bounded by entries and by total characters.
 */
export interface RevisionCache {
  get(key: string): string | undefined;
  set(key: string, body: string): void;
}

export function createRevisionCache(limits: { maxEntries: number; maxChars: number }): RevisionCache {
  // A Map iterates in insertion order, so the first key is the least recently used.
  const entries = new Map<string, string>();
  let chars = 0;
  return {
    get(key) {
      const body = entries.get(key);
      if (body !== undefined) {
        entries.delete(key);
        entries.set(key, body);
      }
      return body;
    },
    set(key, body) {
      if (body.length > limits.maxChars || entries.has(key)) return;
      entries.set(key, body);
      chars += body.length;
      for (const [oldest, oldBody] of entries) {
        if (entries.size <= limits.maxEntries && chars <= limits.maxChars) break;
        entries.delete(oldest);
        chars -= oldBody.length;
      }
    },
  };
}
