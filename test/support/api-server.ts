/**
 * Serves `createApp` over real HTTP on a free loopback port, for tests that talk to the API as
 * a client would.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../../src/server/app.js';
import type { AppOptions } from '../../src/server/app.js';
import { clientAddressResolver } from '../../src/server/client-address.js';
import type { BookingStore } from '../../src/storage/store.js';

export interface RunningApi {
  url: string;
  close: () => Promise<void>;
}

export type ApiServerOptions = Partial<Omit<AppOptions, 'store'>> & { store: BookingStore; trustProxy?: boolean };

/** Starts the API around `options.store` with generous limits unless the test sets its own. */
export async function startApiServer(options: ApiServerOptions): Promise<RunningApi> {
  const app = createApp({
    slug: 'cps-software',
    allowedOrigins: ['http://localhost:5173'],
    rateLimit: { writeMax: 100_000, readMax: 100_000, windowMs: 60_000 },
    clientAddress: clientAddressResolver({
      trustProxy: options.trustProxy ?? false,
      socketAddress: (c) => getConnInfo(c).remote.address,
    }),
    ...options,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
