import type { Handler } from 'hono';
import { MethodNotAllowedError } from './http-errors.js';

/**
 * Handler for the methods a path does not serve: 405 `Method not allowed` (PRODUCT.md §4.1) with
 * the `Allow` header RFC 9110 §15.5.6 requires, e.g. `.all('/', methodNotAllowed(['GET', 'HEAD']))`.
 * OPTIONS is always listed: the CORS middleware answers it on every API path.
 */
export function methodNotAllowed(allow: readonly string[]): Handler {
  const methods = [...allow, 'OPTIONS'];
  return function refuseMethod() {
    throw new MethodNotAllowedError(methods);
  };
}
