import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noElectron = {
  name: 'electron',
  message: 'Только main.ts, preload.ts, security.ts и settings-electron.ts знают Electron',
};

/** The hosts and shell (electron/*.ts, web/, cli/), the worker roots, and the API's dispatch and registry. */
const ABOVE_SERVICES = [
  ...[
    'main',
    'preload',
    'security',
    'ipc',
    'lifecycle',
    'scheduler',
    'core',
    'cli',
    'args',
    'settings-electron',
    'settings-file',
  ].map((name) => `**/${name}.js`),
  '**/web/**',
  '**/cli/**',
  '**/workers/**',
  '**/api/dispatch.js',
  '**/api/registry.js',
];

const layer = (files, group, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group, message }] }] },
});

/** What code in electron/domain may not touch: Node's and the browser's I/O and globals. */
const IMPURE_GLOBALS = [
  'process',
  'Buffer',
  'require',
  'module',
  '__dirname',
  '__filename',
  'global',
  'globalThis',
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'fetch',
  'XMLHttpRequest',
  'setTimeout',
  'setInterval',
  'console',
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'tmp/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // The contract, the browser host and the CLI know nothing of Electron (nor do the layers below).
    files: ['electron/api/**', 'electron/web/**', 'electron/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  // The layers (DESIGN.md §4), each importing only from below: platform < export < services < api < hosts.
  // Each block repeats the ban on `electron`: a block's rule replaces, not extends, an earlier one.
  layer(
    ['electron/platform/**'],
    [...ABOVE_SERVICES, '**/services/**', '**/export/**', '**/api/**'],
    'platform/ — нижний слой: ни services, ни export, ни api, ни хосты',
  ),
  layer(
    ['electron/export/**'],
    [...ABOVE_SERVICES, '**/services/**'],
    'export/ пишет файлы из готовых данных: без services и хостов (данные читает services/)',
  ),
  layer(['electron/services/**'], ABOVE_SERVICES, 'services/ не знают хостов, диспетчера и корней потоков'),
  // db/ sits on the domain only (password hashes are db/passwords.ts: how credentials are stored).
  layer(
    ['db/**'],
    ['**/electron/**/*.js', '!**/electron/domain/**'],
    'db/ не импортирует electron/ (кроме electron/domain)',
  ),
  {
    // The domain is pure: no I/O, no Node, no DOM, nothing from outside electron/domain — so the screens,
    // the services, the exports and the demo generator can all share it.
    files: ['electron/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(?!\\./)', message: 'electron/domain импортирует только свои файлы (./…)' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...IMPURE_GLOBALS.map((name) => ({
          name,
          message: 'electron/domain — чистые функции: без ввода-вывода, Node и DOM',
        })),
      ],
    },
  },
  { files: ['tests/e2e/**'], rules: { 'no-empty-pattern': 'off' } },
  {
    // The renderer reaches the program only through renderer/api.ts: types from electron/ and db/, never code —
    // except the pure domain module (values, labels, formats), which it shares with the services.
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)db(/|$)|(^|/)electron(?!/domain(/|$))(/|$)',
              allowTypeImports: true,
              message: 'В интерфейсе — только import type из electron/ и db/ (код — только из electron/domain)',
            },
          ],
        },
      ],
    },
  },
);
