#!/usr/bin/env node
/**
 * The package's `bin` (`npx hourbook …`, `npm run hourbook -- …`): runs the compiled command line
 * (build/server/hourbook.js) with plain node, rebuilding first when the build is missing or older
 * than the sources (scripts/fresh-build.mjs). Only the build line goes to stderr: stdout stays the
 * command's (an export piped to a file).
 */
import { ensureFreshBuild } from './fresh-build.mjs';

ensureFreshBuild({ doing: 'run hourbook', log: (line) => console.error(line) });

await import('../build/server/hourbook.js');
