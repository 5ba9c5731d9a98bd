/**
 * Vercel function for every `/api/i/{slug}/…` path (issue 10 §1), reached through the rewrite in
 * vercel.json: a rewritten request keeps the URL the browser asked for, so the shared Hono app
 * routes it as on Node. Its `maxDuration` is 300 s like `/api/events`, as it serves the
 * instances' change streams too.
 */
import { createVercelHandler } from './_lib/vercel-handler.js';

export default { fetch: createVercelHandler(process.env) };
