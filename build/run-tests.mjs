// `npm test`: every check the project has, in stages, with the time each took printed at the end (and written to
// test-results/stages.txt for CI's summary). The static checks — types, lint, format — are independent reads of the
// source: they run side by side while the app builds; the database tests and the browser tests then run in turn
// (each already uses both cores). The first failing stage stops the run with its exit code.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const times = [];

function run(name, command) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: root, shell: true, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      times.push([name, seconds]);
      resolve({ name, code: code ?? (signal ? 1 : 0) });
    });
  });
}

function report() {
  const lines = times.map(([name, s]) => `  ${name.padEnd(28)} ${s.toFixed(0).padStart(5)} s`);
  const text = `Стадии npm test:\n${lines.join('\n')}\n`;
  console.log(`\n${text}`);
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'test-results', 'stages.txt'), text);
}

function stop(results) {
  const failed = results.find((r) => r.code !== 0);
  if (!failed) return false;
  report();
  console.error(`npm test: стадия «${failed.name}» не прошла`);
  process.exit(failed.code);
}

const started = performance.now();
stop(
  await Promise.all([
    run('типы (tsc)', 'npm run -s typecheck'),
    run('линтер (eslint)', 'npm run -s lint'),
    run('формат (prettier, ширина)', 'npm run -s format:check'),
    run('сборка (vite, esbuild)', 'npm run -s build'),
  ]),
);
stop([await run('тесты с базами (vitest)', 'npx vitest run')]);
stop([await run('браузер (playwright)', 'npx playwright test --config tests/e2e/playwright.config.ts')]);
times.push(['всего', (performance.now() - started) / 1000]);
report();
