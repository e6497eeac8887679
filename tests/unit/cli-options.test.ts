// The command line refuses what it does not know: an unknown or misspelt option is named with the valid
// ones (and the nearest one), a value-less option that needs one and a switch given a value are refused.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { OptionsError, parseOptions } from '../../electron/args.js';
import { cliArgs, demoArgs } from '../support/bin.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const spec = { db: 'string', students: 'string', 'dry-run': 'boolean' } as const;

it('parses values, switches, positionals and the common options', () => {
  expect(
    parseOptions(['students', '--db', 'x.sqlite', '--dry-run', '--today', '2026-11-25'], spec, 'команды import'),
  ).toEqual({
    positional: ['students'],
    flags: { db: 'x.sqlite', 'dry-run': true, today: '2026-11-25' },
  });
  expect(parseOptions(['--db=y.sqlite'], spec, 'x').flags).toEqual({ db: 'y.sqlite' });
});

it('refuses unknown, misspelt and malformed options in Russian', () => {
  const message = (argv: string[]) => {
    try {
      parseOptions(argv, spec, 'команды demo-data');
    } catch (error) {
      expect(error).toBeInstanceOf(OptionsError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };
  expect(message(['--studnets', '5'])).toBe(
    'Неизвестный параметр «--studnets» команды demo-data. Возможно, имелось в виду ' +
      '--students. Допустимые: --data …, --today …, --db …, --students …, --dry-run',
  );
  expect(message(['--colour'])).not.toMatch(/Возможно/);
  expect(message(['--db'])).toBe('Параметру --db команды demo-data нужно значение: --db …');
  expect(message(['--dry-run=yes'])).toBe('Параметр --dry-run команды demo-data не принимает значения');
});

it('the CLI and the demo exit with code 2 and one line, building nothing', () => {
  const cli = spawnSync(
    process.execPath,
    [...cliArgs(), 'demo-data', '--db', '/nonexistent/x.sqlite', '--studnets', '5'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(cli.status).toBe(2);
  expect(cli.stderr.trim()).toMatch(
    /^Ошибка: Неизвестный параметр «--studnets» команды demo-data\. Возможно, имелось в виду --students\./,
  );
  const demo = spawnSync(process.execPath, [...demoArgs(), '--prot', '8000'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(demo.status).toBe(2);
  expect(demo.stderr).toMatch(/Неизвестный параметр «--prot».*--port/);
  expect(execFileSync(process.execPath, [...cliArgs(), 'help'], { cwd: ROOT, encoding: 'utf8' })).toMatch(/serve --db/);
});
