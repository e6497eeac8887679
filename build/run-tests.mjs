// `npm test`: every check the project has, with the time each took printed at the end (and written to
// test-results/stages.txt for CI's summary). The build comes first (the browser tests serve it); then the static
// checks, the database tests and the browser tests all run at once. The browser tests mostly wait — for a page, a
// host, a download — so alone they keep two cores a third busy; the others fill those gaps. They run niced, so a
// browser test that needs the CPU gets it first and its timing stays what it is alone. Each stage writes its output to
// test-results/logs/<stage>.log, printed whole when the stage ends; the first failing stage decides the exit code.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const logs = path.join(root, 'test-results', 'logs');
const times = [];

/** Runs `command` with its output in a log of its own; resolves with its exit code once the log is printed. */
function run(name, file, command, { nice = 0 } = {}) {
  const started = performance.now();
  const log = path.join(logs, `${file}.log`);
  const out = fs.openSync(log, 'w');
  const shell = nice ? `exec nice -n ${nice} ${command}` : command;
  return new Promise((resolve) => {
    const child = spawn(shell, { cwd: root, shell: true, stdio: ['ignore', out, out] });
    child.on('exit', (code, signal) => {
      fs.closeSync(out);
      const seconds = (performance.now() - started) / 1000;
      times.push([name, seconds]);
      const status = code ?? (signal ? 1 : 0);
      console.log(
        `\n━━ ${name}: ${status === 0 ? 'пройдено' : `НЕ ПРОЙДЕНО (код ${status})`}, ${seconds.toFixed(0)} с ━━`,
      );
      process.stdout.write(fs.readFileSync(log, 'utf8'));
      resolve({ name, code: status });
    });
  });
}

function report() {
  const lines = times.map(([name, s]) => `  ${name.padEnd(28)} ${s.toFixed(0).padStart(5)} s`);
  const text = `Стадии npm test:\n${lines.join('\n')}\n`;
  console.log(`\n${text}`);
  fs.writeFileSync(path.join(root, 'test-results', 'stages.txt'), text);
}

function stop(results) {
  const failed = results.find((r) => r.code !== 0);
  if (!failed) return;
  report();
  console.error(`npm test: стадия «${failed.name}» не прошла`);
  process.exit(failed.code);
}

fs.mkdirSync(logs, { recursive: true });
const started = performance.now();
console.log('npm test: сборка, затем проверки, тесты с базами и тесты в браузере одновременно…');
stop([await run('сборка (vite, esbuild)', 'build', 'npm run -s build')]);
stop(
  await Promise.all([
    run('браузер (playwright)', 'playwright', 'npx playwright test --config tests/e2e/playwright.config.ts'),
    run('тесты с базами (vitest)', 'vitest', 'npx vitest run', { nice: 5 }),
    run('типы (tsc)', 'typecheck', 'npm run -s typecheck', { nice: 10 }),
    run('линтер (eslint)', 'lint', 'npm run -s lint', { nice: 10 }),
    run('формат (prettier, ширина)', 'format', 'npm run -s format:check', { nice: 10 }),
  ]),
);
times.push(['всего', (performance.now() - started) / 1000]);
report();
