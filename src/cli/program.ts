/**
 * Every `hourbook` command, its arguments and its help, declared with commander. Actions run
 * against a `CliContext` opened only once a command is known (so `--help` needs no store) and
 * report through `CliExit`; the mapping of outcomes to exit codes lives in hourbook.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { resolveInstanceConfig } from '../core/config.js';
import type { InstanceAdmin } from '../server/instance-admin.service.js';
import type { Store } from '../storage/store.js';
import { FILE_FORMATS } from './bookings-file.js';
import type { FileFormat } from './bookings-file.js';
import { exportBookingsText, importBookingsText } from './import.command.js';
import { deleteInstance, listInstances, showInstance, writeInstance } from './instances.command.js';

/** What an action works with: the store the environment selects and the admin service on it. */
export interface CliContext {
  store: Store;
  admin: InstanceAdmin;
  /** `INSTANCE_SLUG`: the default instance. */
  defaultSlug: string;
}

export interface CliIo {
  /** Opens the store and the service; the caller closes them after the action. */
  withContext<T>(action: (context: CliContext) => Promise<T>): Promise<T>;
  out(line: string): void;
  /** Raw output for data (an export, a config), written as given. */
  write(text: string): void;
  /** Where an import's progress goes (a bar on a terminal, plain lines otherwise). */
  progress: NodeJS.WriteStream;
  now(): Date;
}

/** An action's non-zero outcome that is not an error: a refused merge, a dry run that found conflicts. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CliExit';
  }
}

const ENVIRONMENT_HELP = `
Store and default instance: from the environment, as for the server (and .env in the working
directory): KV_REST_API_URL + KV_REST_API_TOKEN (Upstash REST), else KV_REDIS_URL or REDIS_URL
(Redis, Cluster too), else SQLite in DATA_DIR (./data). INSTANCE_SLUG names the default instance.

Exit codes: 0 success; 1 invalid input, a conflict, an unknown instance or a store failure;
2 usage (an unknown command or option, a missing argument).`;

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function addInstancesCommands(program: Command, io: CliIo): void {
  const instances = program
    .command('instances')
    .description('list, show, create, update and delete instances (teams)')
    .addHelpText(
      'after',
      '\nA config file is the JSON that GET /api/admin/instances/{slug} shows, plus an optional\n"accessCode" (plain text, stored only as a salted hash; null removes it).',
    );

  instances
    .command('list')
    .description('every instance: slug, title and roster size (the default instance first)')
    .option('--json', 'print {"instances":[…]} as the admin API does')
    .action((options: { json?: boolean }) => io.withContext((context) => listInstances(context, io, options)));

  instances
    .command('show')
    .description("print an instance's config as JSON (never its access code)")
    .argument('<slug>', 'the instance')
    .action((slug: string) => io.withContext((context) => showInstance(context, io, slug)));

  instances
    .command('create')
    .description('validate a config file and create the instance it names ("slug")')
    .argument('<file>', 'config JSON')
    .action(async (file: string) => {
      const input = parseJson(await readText(file), file);
      await io.withContext((context) => writeInstance(context, io, { kind: 'create', input }));
    });

  instances
    .command('update')
    .description("replace an instance's config; refused when it would orphan bookings from today on")
    .argument('<slug>', 'the instance')
    .argument('<file>', 'the whole new config JSON')
    .option('--force', 'apply it anyway, listing the bookings it affects')
    .action(async (slug: string, file: string, options: { force?: boolean }) => {
      const input = parseJson(await readText(file), file);
      const force = options.force === true;
      await io.withContext((context) => writeInstance(context, io, { kind: 'update', slug, force, input }));
    });

  instances
    .command('delete')
    .description('delete an instance with its config, bookings and change log, in one step')
    .argument('<slug>', 'the instance (not the default one)')
    .action((slug: string) => io.withContext((context) => deleteInstance(context, io, slug)));
}

/** The rules of an existing instance; throws `NotFoundError` for an unknown slug. */
async function rulesOfInstance(context: CliContext, slug: string, now: Date) {
  const instance = await context.admin.get(slug);
  return resolveInstanceConfig(instance, slug, now.toISOString()).rules;
}

function addBookingsCommands(program: Command, io: CliIo): void {
  program
    .command('export')
    .description("write an instance's bookings to a file (or to stdout)")
    .argument('<slug>', 'the instance')
    .argument('[file]', 'where to write; stdout when left out')
    .addOption(
      new Option(
        '-f, --format <format>',
        'hourbook: a list with the instance and time; original: the original\'s blob {"YYYY-MM-DD":{"HH:00":{user,duration}}}',
      )
        .choices(FILE_FORMATS)
        .default('hourbook'),
    )
    .action((slug: string, file: string | undefined, options: { format: FileFormat }) =>
      io.withContext(async (context) => {
        await context.admin.get(slug);
        const text = await exportBookingsText(context.store, slug, options.format, io.now());
        if (file === undefined) return io.write(text);
        await writeFile(file, text);
        io.out(`Wrote the bookings of "${slug}" to ${file} (${options.format} format).`);
      }),
    );

  program
    .command('import')
    .description('add bookings from a file (either format, told apart by its content)')
    .argument('<slug>', 'the instance')
    .argument('<file>', "an Hourbook export, or the original's blob")
    .option('--dry-run', 'print what would change and change nothing')
    .option('--replace', "make the file the instance's whole set of bookings, in one step (removals are listed)")
    .addHelpText(
      'after',
      `
Merge (default): a booking already stored exactly is left alone; one that meets a stored booking,
another booking of the file or closing time is a conflict, and any conflict refuses the whole import
(exit 1, nothing written). Bookings are written in batches; running the same import again is safe.
--replace stores the file exactly (overlaps in it kept, as the original did) and removes the rest.
Entries that are not bookings are never stored and always listed.`,
    )
    .action(async (slug: string, file: string, options: { dryRun?: boolean; replace?: boolean }) => {
      const text = await readText(file);
      await io.withContext(async (context) => {
        const rules = await rulesOfInstance(context, slug, io.now());
        const outcome = await importBookingsText(context.store, slug, text, {
          mode: options.replace ? 'replace' : 'merge',
          dryRun: options.dryRun === true,
          rules,
          out: io.out,
          progress: io.progress,
        });
        if (outcome === 'refused' || outcome === 'partly-refused') throw new CliExit(1);
      });
    });
}

/** Every runnable command in one list, e.g. `  instances update <slug> <file> [--force]`, read from the program itself. */
function describeEveryCommand(program: Command): string {
  const lines: string[] = [];
  const visit = (command: Command, path: string[]) => {
    const subcommands = command.commands.filter((sub) => sub.name() !== 'help');
    if (subcommands.length > 0) return subcommands.forEach((sub) => visit(sub, [...path, sub.name()]));
    const args = command.registeredArguments.map((arg) => (arg.required ? `<${arg.name()}>` : `[${arg.name()}]`));
    const options = command.options.map((option) => `[${option.flags}]`);
    lines.push(`  hourbook ${[...path, ...args, ...options].join(' ')}`);
  };
  visit(program, []);
  return `\nEvery command (\`hourbook <command> --help\` tells more):\n${lines.join('\n')}\n`;
}

/** The `hourbook` program; parse with `parseAsync(argv, { from: 'user' })`. */
export function createProgram(io: CliIo): Command {
  const program = new Command('hourbook')
    .description('Administer Hourbook instances and move their bookings, on the store the environment selects.')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  addInstancesCommands(program, io);
  addBookingsCommands(program, io);
  return program.addHelpText('after', `${describeEveryCommand(program)}${ENVIRONMENT_HELP}`);
}
