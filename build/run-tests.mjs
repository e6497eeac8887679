// `npm test`: every check the project has, in stages, with the time each took printed at the end (and written to
// test-results/stages.txt for CI's summary). The static checks — types, lint, format — and the build run beside the
// database tests, at a lower priority: the database tests keep the two cores (their timings are their own), and the
// checks take the time those tests leave idle while they wait on fsyncs, PostgreSQL and child processes (a tenth of
// it). The checks' output is shown when one fails. The browser tests then run alone (they need the build). The
// first failing stage stops the run with its exit code.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const times = [];

/** Runs `command`; `background`: at a lower priority (its children inherit it), its output kept until it fails. */
function run(name, command, { background = false } = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    // `nice` (Linux, macOS): the command and every process it starts; Windows runs it at the normal priority.
    const line = background && process.platform !== 'win32' ? `nice -n 10 ${command}` : command;
    const child = spawn(line, { cwd: root, shell: true, stdio: background ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const output = [];
    if (background) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    }
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      times.push([name, seconds]);
      const failed = (code ?? (signal ? 1 : 0)) !== 0;
      if (failed && output.length) process.stdout.write(`\n── ${name} ──\n${Buffer.concat(output).toString()}\n`);
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
    run('типы (tsc)', 'npm run -s typecheck', { background: true }),
    run('линтер (eslint)', 'npm run -s lint', { background: true }),
    run('формат (prettier, ширина)', 'npm run -s format:check', { background: true }),
    run('сборка (vite, esbuild)', 'npm run -s build', { background: true }),
    run('тесты с базами (vitest)', 'npx vitest run'),
  ]),
);
stop([await run('браузер (playwright)', 'npx playwright test --config tests/e2e/playwright.config.ts')]);
times.push(['всего', (performance.now() - started) / 1000]);
report();
