/**
 * A small server speaking the Upstash REST wire protocol (upstash.com/docs/redis/features/restapi)
 * in front of a real test Redis, so the REST backend is tested with the real `@upstash/redis`
 * client: `POST /` with a JSON command array, `POST /pipeline` and `POST /multi-exec` with arrays
 * of them, `Authorization: Bearer <token>` (or `?_token=`), and base64-encoded strings (all but
 * `OK`) when the request carries `Upstash-Encoding: base64`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';

export interface TestUpstashServer {
  url: string;
  token: string;
  /** Commands received, by name (upper case), for tests that count round trips. */
  commandLog: string[];
  close: () => Promise<void>;
}

type Command = [string, ...unknown[]];

function isCommand(value: unknown): value is Command {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === 'string';
}

/** Encodes every string of a reply as base64 except the status `OK` (as Upstash does). */
function encodeBase64(reply: unknown): unknown {
  if (typeof reply === 'string') return reply === 'OK' ? reply : Buffer.from(reply, 'utf8').toString('base64');
  if (Array.isArray(reply)) return reply.map(encodeBase64);
  return reply;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

function isReplyError(error: unknown): boolean {
  // Errors Redis answered with (a bad command, NOSCRIPT…) versus a connection that failed.
  return error instanceof Error && error.name === 'ReplyError';
}

export interface UpstashRestServerOptions {
  /** Bearer token every request must carry; default `test-token`. */
  token?: string;
  /** How long the server waits on Redis per command (default 2000 ms); raise it to seed big stores. */
  commandTimeoutMs?: number;
}

/** Starts the REST front for the Redis at `redisUrl`. */
export async function startUpstashRestServer(
  redisUrl: string,
  options: UpstashRestServerOptions = {},
): Promise<TestUpstashServer> {
  const token = options.token ?? 'test-token';
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    retryStrategy: (attempt) => Math.min(50 * attempt, 300),
    protocol: 2,
  });
  redis.on('error', () => {
    // Outage tests stop Redis on purpose; requests report the failure as an HTTP error.
  });
  await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  const commandLog: string[] = [];

  async function execute(command: Command): Promise<unknown> {
    commandLog.push(command[0].toUpperCase());
    const [name, ...args] = command;
    // One argument array, not spread: a bulk import can carry hundreds of thousands of arguments.
    return redis.call(
      name,
      args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))),
    );
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const bearer = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1] ?? url.searchParams.get('_token');
    if (bearer !== token) return send(response, 401, { error: 'Unauthorized' });
    if (request.method !== 'POST') return send(response, 405, { error: 'Method not allowed' });
    const base64 = request.headers['upstash-encoding'] === 'base64';
    const encode = (reply: unknown) => (base64 ? encodeBase64(reply) : reply);
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch {
      return send(response, 400, { error: 'ERR failed to parse command' });
    }

    if (url.pathname === '/') {
      if (!isCommand(body)) return send(response, 400, { error: 'ERR command must be a non-empty JSON array' });
      try {
        return send(response, 200, { result: encode(await execute(body)) });
      } catch (error) {
        return send(response, isReplyError(error) ? 400 : 503, { error: (error as Error).message });
      }
    }

    const commands = Array.isArray(body) ? body : [];
    if (!commands.every(isCommand) || commands.length === 0) {
      return send(response, 400, { error: 'ERR body must be a JSON array of command arrays' });
    }
    if (url.pathname === '/pipeline') {
      // Not atomic, as documented: each command runs on its own, in order.
      const results = [];
      for (const command of commands) {
        try {
          results.push({ result: encode(await execute(command)) });
        } catch (error) {
          if (!isReplyError(error)) return send(response, 503, { error: (error as Error).message });
          results.push({ error: (error as Error).message });
        }
      }
      return send(response, 200, results);
    }
    if (url.pathname === '/multi-exec') {
      for (const command of commands) commandLog.push(command[0].toUpperCase());
      try {
        const replies = await redis.multi(commands.map(([name, ...args]) => [name, ...args.map(String)])).exec();
        if (!replies) return send(response, 400, { error: 'ERR transaction discarded' });
        return send(
          response,
          200,
          replies.map(([error, result]) => (error ? { error: error.message } : { result: encode(result) })),
        );
      } catch (error) {
        return send(response, isReplyError(error) ? 400 : 503, { error: (error as Error).message });
      }
    }
    return send(response, 404, { error: 'Not found' });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    commandLog,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect(false);
    },
  };
}
