/**
 * Loads the instance configuration once (PRODUCT.md §3.4): the API's when usable, else the
 * built-in fallback with a console warning. Demo mode uses the fallback straight away.
 */
import { useEffect, useState } from 'preact/hooks';
import { takeConfig } from '../../api/prefetch.js';
import { USE_API } from '../../env.js';
import { fallbackConfig, parseClientConfig } from './client-config.js';
import type { ClientConfig } from './client-config.js';

export function useConfig(): ClientConfig | null {
  const [config, setConfig] = useState<ClientConfig | null>(() => (USE_API ? null : fallbackConfig()));
  useEffect(() => {
    if (!USE_API) return;
    let cancelled = false;
    void takeConfig().then((result) => {
      if (cancelled) return;
      const parsed = result.kind === 'ok' ? parseClientConfig(result.body) : null;
      if (!parsed) console.warn('Hourbook: configuration unavailable, using the built-in default', result);
      setConfig(parsed ?? fallbackConfig());
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return config;
}
