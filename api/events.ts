/**
 * Vercel function for `/api/events`, the change stream: the shared Hono app answers it. Its
 * `maxDuration` (vercel.json) is 300 s; the app ends each stream with `bye` at 280 s
 * (`EVENTS_MAX_S`), and the client reconnects with `Last-Event-ID`, missing nothing.
 */
import { createVercelHandler } from './_lib/vercel-handler.js';

export default { fetch: createVercelHandler(process.env) };
