/**
 * The `hourbook` command line: `npm run hourbook -- <command>`. It works on the store selected
 * by the same environment variables as the server, for the instance `INSTANCE_SLUG`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createStore } from '../storage/select-store.js';
import type { Store } from '../storage/store.js';
import { readSettings } from '../server/settings.js';
import { checkConfigText, setConfig, showConfig } from './config.command.js';
import { describeImport, exportBookings, importBookings } from './legacy-io.js';

const USAGE = `Usage: npm run hourbook -- <command>

Commands:
  config show              print the instance's stored config (or say it uses the default)
  config set <file.json>   validate a config file and store it for INSTANCE_SLUG
  import <file.json>       replace the instance's bookings with a file in the original's
                           format ({"YYYY-MM-DD": {"HH:00": {"user", "duration"}}}),
                           reporting overlaps kept and malformed entries left out
  export [file.json]       write every booking in that format (to stdout without a file)

The store and instance come from the environment, as for npm start
(DATA_DIR, KV_REST_API_URL/KV_REST_API_TOKEN, KV_REDIS_URL, INSTANCE_SLUG).`;

type Command = (args: string[], context: { store: Store; slug: string }) => Promise<number>;

const commands: Record<string, Command> = {
  'config show': async (_args, { store, slug }) => {
    const config = await showConfig(store, slug);
    if (config === null) console.log(`Instance "${slug}" has no stored config; it serves the default roster.`);
    else console.log(config);
    return 0;
  },
  'config set': async ([file], { store, slug }) => {
    if (!file) {
      console.error('config set needs a file: npm run hourbook -- config set team.json');
      return 2;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      console.error(`Cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    const check = checkConfigText(text, slug, new Date());
    if (!check.ok) {
      console.error(`${file} is not a valid instance config:`);
      for (const problem of check.problems) console.error(`  - ${problem}`);
      return 1;
    }
    await setConfig(store, check.config);
    console.log(`Stored config for "${slug}" in ${store.kind} (${store.target}): ${check.config.users.length} users.`);
    return 0;
  },
  import: async ([file], { store, slug }) => {
    if (!file) {
      console.error('import needs a file: npm run hourbook -- import bookings.json');
      return 2;
    }
    let blob: unknown;
    try {
      blob = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      console.error(`Cannot read ${file} as JSON: ${(error as Error).message}`);
      return 1;
    }
    const report = await importBookings(store, slug, blob);
    for (const line of describeImport(report)) console.log(line);
    console.log(`Instance "${slug}" in ${store.kind} (${store.target}).`);
    return 0;
  },
  export: async ([file], { store, slug }) => {
    const json = `${JSON.stringify(await exportBookings(store, slug), null, 2)}\n`;
    if (file) writeFileSync(file, json);
    else process.stdout.write(json);
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const name = argv[0] === 'config' ? argv.slice(0, 2).join(' ') : (argv[0] ?? '');
  const command = commands[name];
  if (!command) {
    console.error(USAGE);
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  // The same `.env` and settings as the server (variables already set win).
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { INSTANCE_SLUG: slug, store: storeConfig } = readSettings(process.env);
  const store = await createStore(storeConfig);
  try {
    return await command(argv.slice(name.split(' ').length), { store, slug });
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
