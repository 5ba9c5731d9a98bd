/**
 * The short confirmation glow of a new booking (PRODUCT.md §8.8): a block glows once the server
 * has taken it, for about as long as the animation runs, then its mark is gone.
 */
import { useCallback, useState } from 'preact/hooks';
import type { DateKey } from '../../../core/time.js';
import { blockFocusKey } from '../../lib/focus-key.js';

/** A little longer than the 0.6 s animation, so the class never goes before it has played. */
const GLOW_MS = 1200;

export interface ConfirmationGlow {
  /** True while the booking starting at `hour` of `dateKey` was just confirmed. */
  isGlowing(dateKey: DateKey, hour: number): boolean;
  mark(dateKey: DateKey, hour: number): void;
}

export function useConfirmationGlow(): ConfirmationGlow {
  const [glowing, setGlowing] = useState<ReadonlySet<string>>(new Set());
  const mark = useCallback((dateKey: DateKey, hour: number) => {
    const key = blockFocusKey(dateKey, hour);
    setGlowing((keys) => new Set(keys).add(key));
    setTimeout(() => {
      setGlowing((keys) => {
        const next = new Set(keys);
        next.delete(key);
        return next;
      });
    }, GLOW_MS);
  }, []);
  return { isGlowing: (dateKey, hour) => glowing.has(blockFocusKey(dateKey, hour)), mark };
}
