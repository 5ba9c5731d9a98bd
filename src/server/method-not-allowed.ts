import { HourbookError } from '../core/errors.js';

/** Handler for the methods a path does not serve: 405 `Method not allowed` (PRODUCT.md §4.1). */
export function methodNotAllowed(): never {
  throw new HourbookError('method_not_allowed', 'Method not allowed');
}
