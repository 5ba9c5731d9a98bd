/**
 * Runs the `hourbook` command as a user does: the package's bin (scripts/hourbook.mjs) with plain
 * node, which runs the compiled CLI (call `ensureBuilt` in `beforeAll` first).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './built-tree.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const HOURBOOK_BIN = join(REPO, 'scripts/hourbook.mjs');

/** An environment selecting no store but the one a test sets (the machine's own variables cleared). */
export function cliEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const cleared = ['KV_REST_API_URL', 'KV_REST_API_TOKEN', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'];
  return {
    ...process.env,
    ...Object.fromEntries([...cleared, 'KV_REDIS_URL', 'REDIS_URL', 'INSTANCE_SLUG'].map((name) => [name, ''])),
    ...vars,
  };
}

/** Runs `hourbook ...args` in `cwd` (a folder of the test's own, so no `.env` is picked up). */
export function runHourbook(env: NodeJS.ProcessEnv, cwd: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [HOURBOOK_BIN, ...args],
      { env, cwd, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
