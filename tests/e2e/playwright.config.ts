import { defineConfig } from '@playwright/test';

/**
 * Chromium features off for the tests: every new context opens a browser window whose address bar preloads two
 * WebUI pages (the omnibox popup and its «AI mode» popup) in a renderer of their own, about a CPU-second per test that
 * no test looks at. Chromium keeps only the last --disable-features on its command line, so Playwright's own list
 * (Playwright 1.65's, for the same reasons it gives) is repeated here with the two added.
 */
const DISABLED_FEATURES = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  // Playwright's:
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  // One more try for a test that fails on a shared 2-core machine; a test that passes only on the
  // second try is reported as «flaky» in the summary, and a broken feature still fails both tries.
  retries: 1,
  reporter: [['list']],
  outputDir: '../../test-results/playwright',
  use: {
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    viewport: { width: 1366, height: 860 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        `--disable-features=${DISABLED_FEATURES.join(',')}`,
      ],
    },
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
});
