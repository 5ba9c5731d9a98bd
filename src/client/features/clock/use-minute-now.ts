/**
 * "Now" to the minute, for what moves with the clock inside an hour (the now line, issue 9 §11):
 * refreshed at each minute boundary and when the tab comes back into view.
 */
import { useEffect, useState } from 'preact/hooks';

const MINUTE_MS = 60_000;

export function useMinuteNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        MINUTE_MS - (Date.now() % MINUTE_MS),
      );
    };
    const onVisible = () => {
      if (!document.hidden) setNow(Date.now());
    };
    schedule();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return now;
}
