import type { Context } from 'hono';
import { ValidationError } from '../core/errors.js';

/**
 * The request's JSON body as a plain object; malformed JSON or a non-object body is the
 * endpoint's own 400 (`errorMessage`), never a 500 (PRODUCT.md §4.2).
 */
export async function readJsonObject(c: Context, errorMessage: string): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ValidationError(errorMessage, { body: text.trim() === '' ? 'missing JSON body' : 'malformed JSON' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError(errorMessage, { body: 'must be a JSON object' });
  }
  return body as Record<string, unknown>;
}
