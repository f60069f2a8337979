// Lint rules, including the import walls of ARCHITECTURE.md:
// - src/main/core (and the CLI, harness) never import `electron`: they run in plain Node (tests, CLI).
// - src/shared and the renderer never import main-process code or Node built-ins.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'worker_threads',
  'stream',
  'zlib',
  'util',
  'events',
  'module',
  'process',
  'buffer',
  'tls',
  'dns',
  'readline',
  'vm',
]
const builtinPatterns = [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`), 'node:*']

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'build', 'test-results', 'playwright-report', 'resources'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a union of literals, not enum.' },
      ],
    },
  },
  {
    files: [
      'src/main/core/**',
      'src/main/cli/**',
      'src/main/harness/**',
      'src/shared/**',
      'test/**',
      'bench/**',
    ],
    ignores: ['test/e2e/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only src/main/index.ts and src/main/shell may import electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**', 'src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer and shared code never import electron.' }],
          patterns: [
            { group: builtinPatterns, message: 'The renderer and shared code never import Node built-ins.' },
            {
              group: ['**/main/**', '**/preload/**', '!**/preload/api-type'],
              message: 'The renderer and shared code never import main-process code.',
            },
            {
              group: ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'electron-store', 'exceljs'],
              message: 'Main-process library.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.tsx', 'src/renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  prettier,
)
