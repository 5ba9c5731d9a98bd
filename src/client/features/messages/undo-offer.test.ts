import { describe, expect, it } from 'vitest';
import { newestOffer } from './undo-offer.js';

const offer = (id: number) => ({ id, text: `Deleted ${id}`, action: { label: 'Undo', run: () => undefined } });

describe('newestOffer', () => {
  it('picks the newest message with an action and skips plain ones', () => {
    expect(newestOffer([offer(1), offer(2), { id: 3, text: 'Saved' }])?.id).toBe(2);
  });

  it('finds nothing when no message offers an action', () => {
    expect(newestOffer([{ id: 1, text: 'Saved' }])).toBeUndefined();
  });
});
