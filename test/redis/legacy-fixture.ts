/**
 * A blob in the original's format (PRODUCT.md §5.1) as a long-running deployment would hold it:
 * hundreds of bookings over many dates, plus one overlapping pair (defect 1 let it in) and one
 * malformed entry (defect 8 stored `"duration": null`).
 */

export interface LegacyFixture {
  blob: Record<string, Record<string, unknown>>;
  /** Well-formed bookings, the overlapping pair included. */
  validCount: number;
  overlap: { dateKey: string; timeKey: string; overlapsWith: string };
  malformed: { dateKey: string; timeKey: string };
}

const USERS = ['Jack', 'Bonnie', 'Giuliano', 'John', 'Rue', 'Joel'];

/** Builds the fixture deterministically: 120 dates × 3 bookings, then the two odd entries. */
export function legacyFixture(): LegacyFixture {
  const blob: Record<string, Record<string, unknown>> = {};
  let validCount = 0;
  const first = Date.UTC(2025, 0, 6);
  for (let index = 0; index < 120; index += 1) {
    const dateKey = new Date(first + index * 86_400_000).toISOString().slice(0, 10);
    blob[dateKey] = {
      '07:00': { user: USERS[index % 6], duration: 2 },
      '10:00': { user: USERS[(index + 1) % 6], duration: 1 + (index % 3) },
      '15:00': { user: USERS[(index + 2) % 6], duration: 1 },
    };
    validCount += 3;
  }
  // 08:00 starts inside 07:00 × 2: the original's create never looked at earlier bookings.
  blob['2025-01-06']!['08:00'] = { user: 'Rue', duration: 1 };
  validCount += 1;
  blob['2025-01-07']!['18:00'] = { user: 'Jack', duration: null };
  return {
    blob,
    validCount,
    overlap: { dateKey: '2025-01-06', timeKey: '08:00', overlapsWith: '07:00' },
    malformed: { dateKey: '2025-01-07', timeKey: '18:00' },
  };
}
