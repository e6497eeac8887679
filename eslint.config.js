import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
  { files: ['tests/e2e/**'], rules: { 'no-empty-pattern': 'off' } },
  {
    // The renderer reaches the program only through renderer/api.ts: types from electron/ and db/, never code.
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/electron/**', '**/db/**', 'electron'], allowTypeImports: true, message: 'В интерфейсе — только import type из electron/ и db/' }] }],
    },
  },
);
