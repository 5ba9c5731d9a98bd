/** Vercel function for `/api/health` (the original's path): the shared Hono app answers it. */
import { createVercelHandler } from './_lib/vercel-handler.js';

export default { fetch: createVercelHandler(process.env) };
