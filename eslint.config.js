// Lint: typescript-eslint's recommended rules plus the import direction of STYLE.md 1–2:
// core imports nothing with I/O; storage never imports server or client; client never imports
// server or storage; inside the client, features import no other feature and shared code
// (lib, components, api) imports no feature (bulletproof-react's model).
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const CLIENT_LAYERS = {
  group: ['**/server/**', '**/storage/**', '**/cli/**', 'node:*'],
  message: 'client → core only (STYLE.md 2).',
};
// The few feature-to-feature imports that are part of the design; everything else goes
// through src/client/lib or is wired in app.tsx.
const FEATURE_IMPORTS_ALLOWED = {
  // The sync engine drives the offline queue (PRODUCT.md §5.2): storage, replay and its lock.
  sync: ['offline-queue'],
};
const FEATURES = readdirSync(new URL('./src/client/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const featureRules = FEATURES.map((feature) => {
  const allowed = [feature, ...(FEATURE_IMPORTS_ALLOWED[feature] ?? [])].join('|');
  return {
    files: [`src/client/features/${feature}/**`],
    rules: restrict([
      CLIENT_LAYERS,
      {
        // A sibling folder under features/ (`../calendar/…`), other than this feature and its allowed ones.
        regex: `^\\.\\./(?!(?:${allowed})/)[^./][^/]*/`,
        message: `features/${feature} may not import another feature: move shared code to src/client/lib, or compose in app.tsx.`,
      },
    ]),
  };
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'data/', 'coverage/', 'test-results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**'],
    rules: restrict([
      { group: ['node:*', 'fs', 'path', 'crypto'], message: 'src/core is pure: no Node APIs (STYLE.md 1).' },
      {
        group: ['preact', 'preact/*', 'react', 'react/*', 'hono', 'hono/*', '@hono/*'],
        message: 'src/core imports no framework.',
      },
      { group: ['better-sqlite3', 'redis', 'ioredis', '@upstash/*'], message: 'src/core does no I/O.' },
      {
        group: ['**/server/**', '**/storage/**', '**/client/**', '**/cli/**'],
        message: 'core → nothing (STYLE.md 2).',
      },
    ]),
  },
  {
    files: ['src/core/**'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass the current instant in.',
        },
      ],
    },
  },
  {
    files: ['src/storage/**'],
    rules: restrict([
      { group: ['**/server/**', '**/client/**', '**/cli/**'], message: 'storage → core only (STYLE.md 2).' },
    ]),
  },
  { files: ['src/client/**'], rules: restrict([CLIENT_LAYERS]) },
  {
    files: ['src/client/lib/**', 'src/client/components/**', 'src/client/api/**', 'src/client/*.ts'],
    rules: restrict([
      CLIENT_LAYERS,
      {
        group: ['**/features/**'],
        message: 'shared client code may not import a feature (STYLE.md: bulletproof-react).',
      },
    ]),
  },
  ...featureRules,
);
