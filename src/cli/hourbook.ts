/**
 * The `hourbook` command line (`npx hourbook …`, `npm run hourbook -- …`, or
 * `node build/server/hourbook.js …`): the commands of program.ts on the store the environment
 * selects, read through the server's one settings schema. Exit codes: 0 success, 1 invalid input,
 * conflict or failure, 2 usage.
 */
import { existsSync } from 'node:fs';
import { CommanderError } from 'commander';
import { BookingsAffectedError, ValidationError } from '../core/errors.js';
import { createInstanceAdmin } from '../server/instance-admin.service.js';
import { readSettings } from '../server/settings.js';
import { createStore } from '../storage/select-store.js';
import { BookingsFileError } from './bookings-file.js';
import { describeAffected } from './instances.command.js';
import { CliExit, createProgram } from './program.js';
import type { CliContext, CliIo } from './program.js';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

const out = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string) => process.stderr.write(`${line}\n`);

const io: CliIo = {
  async withContext<T>(action: (context: CliContext) => Promise<T>): Promise<T> {
    // The same `.env` and settings as the server (variables already set win).
    if (existsSync('.env')) process.loadEnvFile('.env');
    const settings = readSettings(process.env);
    const store = await createStore(settings.store);
    const admin = createInstanceAdmin({ store, defaultSlug: settings.INSTANCE_SLUG, clock: () => Date.now() });
    try {
      return await action({ store, admin, defaultSlug: settings.INSTANCE_SLUG });
    } finally {
      await store.close();
    }
  },
  out,
  write: (text) => process.stdout.write(text),
  progress: process.stderr,
  now: () => new Date(),
};

/** Prints what went wrong and returns the exit code for it. */
function reportFailure(error: unknown): number {
  // Commander has printed the usage problem (or the help) already.
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
  if (error instanceof CliExit) return error.exitCode;
  if (error instanceof BookingsAffectedError) {
    fail(`${error.message}:`);
    describeAffected(error.affected, fail);
    fail('Nothing was changed; add --force to apply it anyway.');
    return EXIT_FAILED;
  }
  if (error instanceof ValidationError) {
    fail(`${error.message}:`);
    for (const [field, problem] of Object.entries(error.fields)) fail(`  - ${field}: ${problem}`);
    return EXIT_FAILED;
  }
  if (error instanceof BookingsFileError) {
    fail(`Not a bookings file: ${error.message}; nothing was changed.`);
    return EXIT_FAILED;
  }
  // Typed errors of the service and the store (`Instance not found`, `Storage unavailable`…).
  fail(error instanceof Error ? error.message : String(error));
  return EXIT_FAILED;
}

createProgram(io)
  .parseAsync(process.argv.slice(2), { from: 'user' })
  .then(
    () => 0,
    (error: unknown) => reportFailure(error),
  )
  .then((code) => process.exit(code));
