/** Vercel function for `/api/session` (the default instance's sign-in): the shared Hono app answers it. */
import { createVercelHandler } from './_lib/vercel-handler.js';

export default { fetch: createVercelHandler(process.env) };
