/**
 * Node entry: `node build/server/main.js` (what `npm start` runs once the build is fresh). Reads
 * `.env` when present, boots Hourbook, serves the API and the built web client, and on
 * SIGTERM/SIGINT lets open requests finish, closes the store and exits. Every start-up failure
 * is one line (a bad environment: one line per bad variable), never a stack trace.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { bootHourbook } from './boot.js';
import type { Hourbook } from './boot.js';
import { answerClientErrors } from './node-client-errors.js';
import { InvalidSettingsError } from './settings.js';

// Resolved from this file (src/server/ or build/server/ alike), whatever the working directory.
const CLIENT_ROOT = fileURLToPath(new URL('../../dist', import.meta.url));
/** Open requests get this long to finish after a signal before their sockets are cut. */
const SHUTDOWN_GRACE_MS = 3000;

/** Loads `.env` from the working directory; variables already set win (Node's own rule). */
function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** The URL to open: a wildcard address means "this machine", shown as localhost. */
function publicUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

function listen(hourbook: Hourbook): Promise<Server> {
  const { PORT, HOST } = hourbook.settings;
  const server = serve({ fetch: hourbook.app.fetch, port: PORT, hostname: HOST }) as Server;
  return new Promise((resolve, reject) => {
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

/** One line for a failure to start, e.g. `Port 3000 is in use: set PORT to another port`. */
function describeStartupFailure(error: unknown, env: NodeJS.ProcessEnv): string {
  if (error instanceof InvalidSettingsError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const port = env.PORT || '3000';
  if (code === 'EADDRINUSE') return `Port ${port} is in use: set PORT to another port`;
  if (code === 'EACCES') return `Port ${port} needs privileges: set PORT to 1024 or above`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `HOST ${env.HOST} is not an address of this machine: set HOST (e.g. 0.0.0.0)`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Hourbook could not start: ${message.split('\n')[0]}`;
}

function printStartup(hourbook: Hourbook, server: Server, hasClient: boolean): void {
  const { settings, store } = hourbook;
  const { port } = server.address() as AddressInfo;
  console.log(`Hourbook listening on ${publicUrl(settings.HOST, port)}`);
  console.log(`  store: ${store.kind} (${store.target})`);
  console.log(`  instance: ${settings.INSTANCE_SLUG}`);
  if (!hasClient) console.log('  client: not built (run `npm run build`), serving the API only');
  console.log(
    `  next: put your team in a file and run \`npx hourbook instances update ${settings.INSTANCE_SLUG} team.json\` (README: Setting up a team)`,
  );
}

/**
 * Stops on the first SIGTERM/SIGINT: no new connections, open requests finish, open change
 * streams say `bye` with a short `retry` and end (their clients reconnect at once, elsewhere,
 * missing nothing), then the store is closed.
 */
function stopOnSignals(hourbook: Hourbook, server: Server): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down`);
    server.close(() => {
      void hourbook.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`Closing the store failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
    });
    // Idle keep-alive sockets would hold close() open; busy ones get the grace period.
    server.closeIdleConnections();
    // An ended stream leaves its socket idle, no longer held by anything: close it too.
    void hourbook.live?.shutDown().then(() => server.closeIdleConnections());
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function main(): Promise<void> {
  loadDotEnv();
  const hasClient = existsSync(join(CLIENT_ROOT, 'index.html'));
  const hourbook = await bootHourbook(process.env, { clientRoot: hasClient ? CLIENT_ROOT : undefined });
  let server: Server;
  try {
    server = await listen(hourbook);
  } catch (error) {
    await hourbook.close().catch(() => undefined);
    throw error;
  }
  answerClientErrors(server);
  // Before the start-up lines: whoever reads them may signal at once.
  stopOnSignals(hourbook, server);
  printStartup(hourbook, server, hasClient);
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error, process.env));
  process.exit(1);
});
