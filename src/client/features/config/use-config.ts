/**
 * Loads the instance configuration once (PRODUCT.md §3.4): the API's, its unusable parts replaced
 * by the built-in fallback's with a console warning. Demo mode uses the fallback straight away.
 * An instance that asks for its access code (401) gets no fallback: the app shows the code
 * prompt, and loads again with the next `attempt` once unlocked (issue 10 §4). An unknown
 * instance (404) gets none either: `missing`, so no empty calendar is shown for it (issue 10 §1).
 * An unreachable API gets the last config this browser was served, when it has one (issue 9 §13).
 */
import { useEffect, useState } from 'preact/hooks';
import { takeConfig } from '../../api/prefetch.js';
import { ACCESS_REQUIRED_ERROR } from '../../api/request.js';
import { USE_API } from '../../env.js';
import { clientConfigOf, fallbackConfig } from '../../lib/client-config.js';
import type { ClientConfig } from '../../lib/client-config.js';
import { pagePathname } from '../../lib/instance-path.js';
import { lastKnownOf } from '../../lib/last-known.js';

/** The instance-not-found answer of every per-instance API path. */
const INSTANCE_NOT_FOUND = 'Instance not found';

export interface ConfigState {
  /** Null while loading (or waiting for the access code). */
  config: ClientConfig | null;
  /** The API says no such instance. */
  missing: boolean;
}

export function useConfig(attempt = 0): ConfigState {
  const [config, setConfig] = useState<ClientConfig | null>(() => (USE_API ? null : fallbackConfig()));
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (!USE_API) return;
    let cancelled = false;
    const lastKnown = lastKnownOf(pagePathname());
    void takeConfig().then((result) => {
      if (cancelled) return;
      if (result.kind === 'rejected' && result.status === 401 && result.error === ACCESS_REQUIRED_ERROR) return;
      if (result.kind === 'rejected' && result.status === 404 && result.error === INSTANCE_NOT_FOUND) {
        setMissing(true);
        return;
      }
      if (result.kind !== 'ok') {
        const remembered = lastKnown.config();
        console.warn(
          `Hourbook: configuration unavailable, using ${remembered ? 'the last known' : 'the built-in default'}`,
          result,
        );
        setConfig(remembered ? clientConfigOf(remembered).config : fallbackConfig());
        return;
      }
      if (result.noStore) lastKnown.forget();
      else lastKnown.rememberConfig(result.body);
      const { config: resolved, problems } = clientConfigOf(result.body);
      if (problems.length > 0) console.warn('Hourbook: configuration partly invalid, using defaults for', problems);
      setConfig(result.noStore ? { ...resolved, locked: true } : resolved);
    });
    return () => {
      cancelled = true;
    };
  }, [attempt]);
  return { config, missing };
}
