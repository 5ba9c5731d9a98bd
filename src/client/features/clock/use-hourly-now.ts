/**
 * "Now" for rendering, refreshed at every HH:00:00.000 in the business zone (PRODUCT.md §6.4)
 * and when the tab comes back into view (timers may have been throttled meanwhile).
 */
import { useEffect, useState } from 'preact/hooks';
import { msUntilNextHour, zonedParts } from '../../../core/time.js';

export function useHourlyNow(timeZone: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        msUntilNextHour(Date.now(), timeZone),
      );
    };
    const onVisible = () => {
      if (document.hidden) return;
      const fresh = Date.now();
      setNow((previous) => {
        const [a, b] = [zonedParts(previous, timeZone), zonedParts(fresh, timeZone)];
        return a.dateKey === b.dateKey && a.hour === b.hour ? previous : fresh;
      });
    };
    schedule();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [timeZone]);
  return now;
}
