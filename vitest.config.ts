import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` is the quick loop (`npm run test:unit`: core, client, server and the
 * in-process API tests; no Redis, no Chromium, no child process), `integration` is everything
 * that needs a real process, socket, Redis or browser, and `stress` runs after both. `npm test`
 * runs all three.
 */
const UNIT: string[] = [
  'src/**/*.test.ts',
  'src/**/*.test.tsx',
  'test/api/**/*.test.ts',
  'test/client/**/*.test.ts',
  'test/server/vercel-unconfigured.test.ts',
];
const NOT_UNIT = ['src/storage/redis/**/*.test.ts', 'src/storage/upstash/**/*.test.ts', 'src/cli/hourbook.test.ts'];
/** CPU-bound suites with tight deadlines: they run last, alone, so the others cannot starve them. */
const STRESS = ['test/redis/concurrency.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    // One worker per core: a Chromium file alone keeps both cores busy (software compositing),
    // so more workers only contend (on 2 cores: 2 workers 421 s, 4 workers 494 s for npm test).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, exclude: NOT_UNIT } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [...NOT_UNIT, 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
          exclude: ['test/api/**', 'test/client/**', 'test/server/vercel-unconfigured.test.ts', ...STRESS],
        },
      },
      { extends: true, test: { name: 'stress', include: STRESS, sequence: { groupOrder: 1 } } },
    ],
  },
});
