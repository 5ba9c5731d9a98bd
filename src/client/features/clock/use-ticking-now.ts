/**
 * "Now" for rendering, refreshed at each tick boundary and when the tab comes back into view
 * (timers may have been throttled meanwhile); the one timer loop behind the hourly and minute
 * clocks. A return to view within the same tick keeps the old value, so nothing re-renders.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Ticks {
  /** Milliseconds from `now` to the next tick. */
  untilNext(now: number): number;
  /** Whether two instants fall in the same tick. */
  sameTick(a: number, b: number): boolean;
}

export function useTickingNow(ticks: Ticks, deps: readonly unknown[]): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(() => {
        setNow(Date.now());
        schedule();
      }, ticks.untilNext(Date.now()));
    };
    const onVisible = () => {
      if (document.hidden) return;
      const fresh = Date.now();
      setNow((previous) => (ticks.sameTick(previous, fresh) ? previous : fresh));
    };
    schedule();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, deps); // the caller names what its ticks depend on
  return now;
}
