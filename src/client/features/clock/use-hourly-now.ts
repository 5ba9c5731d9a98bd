/** "Now" for rendering, refreshed at every HH:00:00.000 in the business zone (PRODUCT.md §6.4). */
import { msUntilNextHour, zonedParts } from '../../../core/time.js';
import { useTickingNow } from './use-ticking-now.js';

export function useHourlyNow(timeZone: string): number {
  return useTickingNow(
    {
      untilNext: (now) => msUntilNextHour(now, timeZone),
      sameTick: (a, b) => {
        const [first, second] = [zonedParts(a, timeZone), zonedParts(b, timeZone)];
        return first.dateKey === second.dateKey && first.hour === second.hour;
      },
    },
    [timeZone],
  );
}
