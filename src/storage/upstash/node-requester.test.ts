import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeRequester } from './node-requester.js';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A REST endpoint on a free loopback port whose answer each test scripts. */
async function endpoint(handle: Handler): Promise<string> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handle(request, response, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function makeSut(url: string, timeoutMs = 500) {
  const sut = createNodeRequester({ url, token: 'secret', timeoutMs, retryDelayMs: 1 });
  closers.push(async () => sut.close());
  return sut;
}

describe('createNodeRequester', () => {
  it('posts the command as JSON with the token and returns the JSON reply', async () => {
    const seen: Array<{ path?: string; auth?: string; body: string }> = [];
    const url = await endpoint((request, response, body) => {
      seen.push({ path: request.url, auth: request.headers.authorization, body });
      response.end(JSON.stringify({ result: 'PONG' }));
    });

    const reply = await makeSut(`${url}/base`).request({ body: ['PING'], path: ['pipeline'] });

    expect(reply).toEqual({ result: 'PONG' });
    expect(seen).toEqual([{ path: '/base/pipeline', auth: 'Bearer secret', body: '["PING"]' }]);
  });

  it('hands a Redis error sent with a 4xx back as the reply, for the library to raise', async () => {
    const url = await endpoint((_request, response) => {
      response.statusCode = 400;
      response.end(JSON.stringify({ error: 'NOSCRIPT No matching script' }));
    });

    expect(await makeSut(url).request({ body: ['EVALSHA', 'x', 0] })).toEqual({ error: 'NOSCRIPT No matching script' });
  });

  it('retries once when the connection fails before an answer', async () => {
    let calls = 0;
    const url = await endpoint((request, response) => {
      calls += 1;
      if (calls === 1) request.socket.destroy();
      else response.end(JSON.stringify({ result: 'OK' }));
    });

    expect(await makeSut(url).request({ body: ['SET', 'k', 'v'] })).toEqual({ result: 'OK' });
    expect(calls).toBe(2);
  });

  it('gives up at its deadline with a TimeoutError when the endpoint never answers', async () => {
    const url = await endpoint(() => undefined);
    const started = Date.now();

    const failure = await makeSut(url, 150)
      .request({ body: ['GET', 'k'] })
      .catch((error: unknown) => error);

    expect(failure).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
    // At its 150 ms deadline, not after a hang: the bound leaves room for a busy machine.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses a reply that is not JSON with a short code and no upstream text', async () => {
    const url = await endpoint((_request, response) => {
      response.statusCode = 502;
      response.end('<html>Bad gateway: secret upstream details</html>');
    });

    const failure = await makeSut(url)
      .request({ body: ['GET', 'k'] })
      .catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: 'EBADREPLY' });
    expect(String((failure as Error).message)).not.toContain('secret');
  });
});
