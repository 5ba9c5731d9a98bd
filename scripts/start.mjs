/**
 * `npm start` (`exec node scripts/start.mjs`): runs the compiled server (build/server/main.js)
 * with plain node in this very process; `exec` replaces npm's shell, so a SIGTERM/SIGINT sent to
 * npm is forwarded straight to the server. A missing or stale build is rebuilt first
 * (scripts/fresh-build.mjs).
 */
import { ensureFreshBuild } from './fresh-build.mjs';

ensureFreshBuild({ doing: 'start', log: (line) => console.log(line) });

await import('../build/server/main.js');
