// Lint: typescript-eslint's recommended rules plus the import direction of STYLE.md 1–2:
// core imports nothing with I/O; storage never imports server or client; client never imports
// server or storage.
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

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
  {
    files: ['src/client/**'],
    rules: restrict([
      { group: ['**/server/**', '**/storage/**', '**/cli/**', 'node:*'], message: 'client → core only (STYLE.md 2).' },
    ]),
  },
);
