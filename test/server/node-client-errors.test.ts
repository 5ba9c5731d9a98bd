/**
 * What the Node server answers when the trouble is on the wire (issue 7 §5 items 4, 5, 7):
 * raw sockets against the app served as `npm start` serves it, with `answerClientErrors`.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bootHourbook } from '../../src/server/boot.js';
import { SECURITY_HEADERS } from '../../src/server/middleware/security-headers.js';
import { answerClientErrors } from '../../src/server/node-client-errors.js';
import { createTempSqliteStore } from '../support/sqlite-fixture.js';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The app on a loopback port; `statuses` records the status of each answer the app gave. */
async function startSut(): Promise<{ port: number; statuses: number[] }> {
  const { store, cleanup } = createTempSqliteStore();
  const { app } = await bootHourbook(
    { ALLOWED_ORIGINS: '', RATE_LIMIT_MAX: '1000', RATE_LIMIT_READ_MAX: '1000' },
    { store },
  );
  const statuses: number[] = [];
  const fetch = async (request: Request, env: unknown) => {
    const response = await app.fetch(request, env);
    statuses.push(response.status);
    return response;
  };
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  cleanups.push(async () => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await cleanup();
  });
  return { port: (server.address() as AddressInfo).port, statuses };
}

interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Whether the server closed the socket after answering. */
  closedByServer: boolean;
}

/** Writes `request` on a fresh socket and reads one reply; resolves once the server closes or 1 s passes. */
function sendRaw(port: number, request: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const finish = (closedByServer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const [head = '', ...rest] = received.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n'), closedByServer });
    };
    const timer = setTimeout(() => finish(false), 1000);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('end', () => finish(true));
    socket.on('error', reject);
    socket.write(request);
  });
}

function captureConsole(): string[] {
  const lines: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(' '));
    });
  }
  return lines;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a body over the limit', () => {
  it('answers 413 with Connection: close on a keep-alive socket, then closes it', async () => {
    const { port } = await startSut();

    const reply = await sendRaw(
      port,
      'POST /api/bookings HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n' +
        'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"dateKey":',
    );

    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(JSON.parse(reply.body)).toEqual({ error: 'Request body too large (limit 16384 bytes)' });
    expect(reply.closedByServer).toBe(true);
  });
});

describe('a client that disconnects mid-body', () => {
  it('costs one short log line, no stack trace and no 500', async () => {
    const { port, statuses } = await startSut();
    const lines = captureConsole();
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));

    socket.write(
      'POST /api/bookings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: 80\r\n\r\n{"dateKey":"2026-02-20","time',
    );
    await wait(100);
    socket.destroy();
    await wait(400);

    expect(statuses).toEqual([400]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/disconnected/i);
    expect(lines[0]).not.toContain('\n');
  });
});

describe('errors raised before the app', () => {
  it.each([
    [
      'malformed framing',
      'POST /api/bookings HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
      'Bad request',
    ],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n', 400, 'Bad request'],
    ['a raw backslash in the path', 'GET /api\\config HTTP/1.1\r\nHost: a\r\n\r\n', 400, 'Bad request'],
    ['a Host no URL can hold', 'GET /api/config HTTP/1.1\r\nHost: a b\r\n\r\n', 400, 'Bad request'],
    [
      'headers over the limit',
      `GET /api/config HTTP/1.1\r\nHost: a\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`,
      431,
      'Request headers too large',
    ],
  ])('answer %s with JSON and the security headers', async (_name, request, status, error) => {
    const { port } = await startSut();

    const reply = await sendRaw(port, request);

    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(JSON.parse(reply.body)).toEqual({ error });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(reply.headers[name.toLowerCase()]).toBe(value);
    expect(reply.headers.connection).toBe('close');
  });

  it('keep a well-formed request on the same server working', async () => {
    const { port } = await startSut();
    await sendRaw(port, 'HELLO\r\n\r\n');

    const reply = await sendRaw(port, 'GET /api/config HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');

    expect(reply.status).toBe(200);
  });
});
