/** "Now" to the minute, for what moves with the clock inside an hour (the now line, issue 9 §11). */
import { useTickingNow } from './use-ticking-now.js';

const MINUTE_MS = 60_000;
const MINUTES = {
  untilNext: (now: number) => MINUTE_MS - (now % MINUTE_MS),
  sameTick: (a: number, b: number) => Math.floor(a / MINUTE_MS) === Math.floor(b / MINUTE_MS),
};

export function useMinuteNow(): number {
  return useTickingNow(MINUTES, []);
}
