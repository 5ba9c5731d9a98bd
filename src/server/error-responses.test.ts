/**
 * The one error table: every code's status and body, the headers an error needs, and the
 * plain replies for places with no Hono context.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  BookingsAffectedError,
  ConflictError,
  NotFoundError,
  StorageUnavailableError,
  ValidationError,
} from '../core/errors.js';
import { errorReply, errorResponse, respondWithError } from './error-responses.js';
import {
  BadRequestError,
  ForbiddenOriginError,
  HeadersTooLargeError,
  MethodNotAllowedError,
  MisdirectedRequestError,
  PayloadTooLargeError,
  RateLimitedError,
  RequestTimeoutError,
  RouteNotFoundError,
  UnauthorizedError,
} from './http-errors.js';
import { SECURITY_HEADERS } from './middleware/security-headers.js';

describe('errorReply', () => {
  it.each([
    [
      new ValidationError('Missing or invalid fields: dateKey, timeKey'),
      400,
      'Missing or invalid fields: dateKey, timeKey',
    ],
    [new BadRequestError(), 400, 'Bad request'],
    [new UnauthorizedError(), 401, 'Unauthorized'],
    [new ForbiddenOriginError(), 403, 'Origin not allowed'],
    [new NotFoundError(), 404, 'Booking not found'],
    [new RouteNotFoundError(), 404, 'Not found'],
    [new MethodNotAllowedError(['GET']), 405, 'Method not allowed'],
    [new RequestTimeoutError(), 408, 'Request timeout'],
    [new ConflictError('Slot already booked'), 409, 'Slot already booked'],
    [new PayloadTooLargeError(16384), 413, 'Request body too large (limit 16384 bytes)'],
    [new MisdirectedRequestError(), 421, 'Misdirected request'],
    [new RateLimitedError(30), 429, 'Too many requests. Please try again later.'],
    [new HeadersTooLargeError(), 431, 'Request headers too large'],
    [new StorageUnavailableError(), 503, 'Storage unavailable'],
    [new TypeError('x is undefined'), 500, 'Internal server error'],
  ])('maps %o to %i with its exact text', (error, status, text) => {
    const sut = errorReply(error);

    expect(sut.status).toBe(status);
    expect(JSON.parse(sut.body)).toEqual({ error: text });
    expect(sut.headers['Content-Type']).toBe('application/json');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(sut.headers[name]).toBe(value);
  });

  it('adds the headers an error needs: Allow, Retry-After, Connection: close', () => {
    expect(errorReply(new MethodNotAllowedError(['GET', 'HEAD'])).headers.Allow).toBe('GET, HEAD');
    expect(errorReply(new RateLimitedError(12)).headers['Retry-After']).toBe('12');
    expect(errorReply(new PayloadTooLargeError(10)).headers.Connection).toBe('close');
    expect(errorReply(new ConflictError('Slot already booked')).headers.Connection).toBeUndefined();
    expect(errorReply(new UnauthorizedError()).headers['WWW-Authenticate']).toBe('Bearer');
  });

  it('lists the bookings a refused config change affects', () => {
    const affected = [{ dateKey: '2030-05-10', timeKey: '12:00', user: 'Ann', duration: 2 }];
    const sut = errorReply(new BookingsAffectedError(affected));

    expect(sut.status).toBe(409);
    expect(JSON.parse(sut.body)).toEqual({ error: 'Change affects existing bookings', affected });
  });

  it('never sends an unexpected error’s own message', async () => {
    const sut = errorResponse(new Error('ENOENT: /srv/hourbook/data/hourbook.db'));

    expect(sut.status).toBe(500);
    expect(await sut.text()).toBe('{"error":"Internal server error"}');
  });
});

describe('respondWithError', () => {
  it('keeps fields on a validation error and the headers middleware prepared', async () => {
    const app = new Hono();
    app.onError(respondWithError);
    app.get('/', (c) => {
      c.header('X-RateLimit-Remaining', '7');
      throw new ValidationError('Missing or invalid fields: dateKey, timeKey', { dateKey: 'not a real date' });
    });

    const sut = await app.request('/');

    expect(sut.status).toBe(400);
    expect(sut.headers.get('X-RateLimit-Remaining')).toBe('7');
    expect(await sut.json()).toEqual({
      error: 'Missing or invalid fields: dateKey, timeKey',
      fields: { dateKey: 'not a real date' },
    });
  });
});
