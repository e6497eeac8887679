import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** What code in electron/domain may not touch: Node's and the browser's I/O and globals. */
const IMPURE_GLOBALS = [
  'process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'globalThis', 'window', 'document',
  'navigator', 'localStorage', 'sessionStorage', 'fetch', 'XMLHttpRequest', 'setTimeout', 'setInterval', 'console',
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
    // Services, exports, the contract and the database know nothing of Electron.
    files: ['electron/services/**', 'electron/export/**', 'electron/api/**', 'electron/web/**', 'electron/cli/**', 'db/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Только main.ts, preload.ts, security.ts и settings-electron.ts знают Electron' }] }] },
  },
  {
    // The domain is pure: no I/O, no Node, no DOM, nothing from outside electron/domain — so the screens,
    // the services, the exports and the demo generator can all share it.
    files: ['electron/domain/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!\\./)', message: 'electron/domain импортирует только свои файлы (./…)' }],
      }],
      'no-restricted-globals': ['error', ...IMPURE_GLOBALS.map((name) => ({
        name, message: 'electron/domain — чистые функции: без ввода-вывода, Node и DOM',
      }))],
    },
  },
  { files: ['tests/e2e/**'], rules: { 'no-empty-pattern': 'off' } },
  {
    // The renderer reaches the program only through renderer/api.ts: types from electron/ and db/, never code —
    // except the pure domain module (values, labels, formats), which it shares with the services.
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        regex: '(^|/)db(/|$)|(^|/)electron(?!/domain(/|$))(/|$)',
        allowTypeImports: true,
        message: 'В интерфейсе — только import type из electron/ и db/ (код — только из electron/domain)',
      }] }],
    },
  },
);
