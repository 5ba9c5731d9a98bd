/**
 * The HTTP leg of the Upstash REST client over Node's own `http`/`https` with keep-alive sockets,
 * plugged into `@upstash/redis` through its `Requester` interface. The library's default leg is
 * `fetch`, whose per-call streams and abort signals cost a POST about a third of the server's CPU
 * in `npm run bench` (issue 7 §6); the commands, their encoding and their errors stay the
 * library's. One deadline covers a call and its one retry, so an endpoint that hangs answers
 * within `timeoutMs`.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Requester, UpstashRequest, UpstashResponse } from '@upstash/redis';

export interface NodeRequesterOptions {
  /** REST endpoint, e.g. `https://eu1-example.upstash.io`. */
  url: string;
  token: string;
  /** Longest wait for one call, its retry included, e.g. 700. */
  timeoutMs: number;
  /** Pause before the one retry of a call whose connection failed. */
  retryDelayMs?: number;
}

/** An error with the short `code` the stores log instead of upstream text. */
function failure(code: string, message: string, name = 'Error'): Error {
  return Object.assign(new Error(message), { code, name });
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}

/** A `Requester` for `new Redis(requester)`, e.g. `createNodeRequester({ url, token, timeoutMs: 700 })`. */
export function createNodeRequester(options: NodeRequesterOptions): Requester & { close(): void } {
  const base = new URL(options.url);
  const secure = base.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  const basePath = base.pathname.replace(/\/$/, '');
  const retryDelayMs = options.retryDelayMs ?? 50;

  /** One HTTP exchange; `signal` ends it early. Rejects on a network failure, never on a status. */
  function exchange(path: string, body: string, headers: Record<string, string>, signal: AbortSignal) {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const outgoing = send(
        {
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port || undefined,
          method: 'POST',
          path,
          agent,
          signal,
          headers: {
            ...headers,
            Authorization: `Bearer ${options.token}`,
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (response) => {
          readBody(response).then((text) => resolve({ status: response.statusCode ?? 0, text }), reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  async function request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
    const path = [basePath, ...(req.path ?? [])].join('/') || '/';
    const body = JSON.stringify(req.body);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      let reply: { status: number; text: string } | undefined;
      for (let attempt = 1; reply === undefined; attempt += 1) {
        try {
          reply = await exchange(path, body, req.headers ?? {}, controller.signal);
        } catch (error) {
          if (controller.signal.aborted) {
            throw failure('ETIMEDOUT', `REST call timed out after ${options.timeoutMs} ms`, 'TimeoutError');
          }
          if (attempt > 1) throw error;
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
        }
      }
      let parsed: UpstashResponse<TResult>;
      try {
        parsed = JSON.parse(reply.text) as UpstashResponse<TResult>;
      } catch {
        throw failure('EBADREPLY', `REST endpoint answered ${reply.status} with a body that is not JSON`);
      }
      // Redis errors (e.g. NOSCRIPT) come back as 4xx with `{ error }`: the library raises them.
      if (reply.status >= 300 && typeof parsed.error !== 'string') {
        throw failure(`HTTP${reply.status}`, `REST endpoint answered ${reply.status}`);
      }
      return parsed;
    } finally {
      clearTimeout(timer);
    }
  }

  return { request, close: () => agent.destroy() };
}
