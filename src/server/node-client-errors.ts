/**
 * Answers the requests Node refuses before the app sees them with the error table's JSON and
 * the security headers (issue 7 §5.7), where Node's own answers are bare status lines:
 * - the HTTP parser's errors (bad framing, a request line that is not HTTP, headers over
 *   `maxHeaderSize`, a request that never finished) arrive as the server's `clientError`;
 * - a raw backslash in the path or a Host no URL can hold, which @hono/node-server refuses
 *   with a bodiless 400, are answered here before the adapter sees them.
 */
import { Server, STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerType } from '@hono/node-server';
import { errorReply } from './error-responses.js';
import { BadRequestError, HeadersTooLargeError, RequestTimeoutError } from './http-errors.js';

/** Attaches both answers to a server made by `serve(...)`: `answerClientErrors(server)`. */
export function answerClientErrors(server: ServerType): void {
  if (!(server instanceof Server)) return; // HTTP/2 reports stream errors differently
  server.on('clientError', answerParserError);
  const adapter = server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', function screenRequestTarget(request: IncomingMessage, response: ServerResponse) {
    if (isUnreadableTarget(request)) return writeReply(response, new BadRequestError());
    for (const listener of adapter) listener.call(server, request, response);
  });
}

function answerParserError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node's own handler: write only if no response to this socket has started (a keep-alive
  // answer in flight must not be corrupted), and never to a peer that reset the connection.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const reply = errorReply(errorForParserCode(error.code, error));
  const head = Object.entries({ ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body)) })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ''}\r\n${head}\r\n${reply.body}`);
  // The parser stopped, so the peer may never close its side; do not keep the socket for it.
  setTimeout(() => socket.destroy(), 1000).unref();
}

function errorForParserCode(code: string | undefined, cause: Error): Error {
  if (code === 'HPE_HEADER_OVERFLOW') return new HeadersTooLargeError({ cause });
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return new RequestTimeoutError({ cause });
  return new BadRequestError({ cause });
}

/** The adapter's own refusals (src/url.ts of @hono/node-server): a backslash before the query, or no URL. */
function isUnreadableTarget(request: IncomingMessage): boolean {
  const target = request.url ?? '';
  const backslash = target.indexOf('\\');
  const query = target.indexOf('?');
  if (backslash !== -1 && (query === -1 || backslash < query)) return true;
  if (!target.startsWith('/')) return false; // absolute-form and `*` targets stay the adapter's call
  try {
    new URL(`http://${request.headers.host ?? 'localhost'}${target}`);
    return false;
  } catch {
    return true;
  }
}

function writeReply(response: ServerResponse, error: Error): void {
  const reply = errorReply(error);
  response.writeHead(reply.status, { ...reply.headers, 'Content-Length': Buffer.byteLength(reply.body) });
  response.end(reply.body);
}
