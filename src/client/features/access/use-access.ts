/** Whether the page waits for the access code (issue 10 §4), and how many times it was unlocked. */
import { useEffect, useState } from 'preact/hooks';
import { dropPrefetched } from '../../api/prefetch.js';
import { markAccessGranted, onAccessRequired } from '../../api/request.js';

export interface AccessState {
  locked: boolean;
  /** Grows with each unlock, so the config is loaded again. */
  attempt: number;
  /** Call once a session is open: the calendar loads afresh. */
  unlocked(): void;
}

export function useAccess(): AccessState {
  const [state, setState] = useState({ locked: false, attempt: 0 });
  useEffect(() => onAccessRequired(() => setState((current) => ({ ...current, locked: true }))), []);
  return {
    ...state,
    unlocked: () => {
      markAccessGranted();
      dropPrefetched();
      setState((current) => ({ locked: false, attempt: current.attempt + 1 }));
    },
  };
}
