// Builds the demo college once per run; every test then gets its own copy of that database.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TEMPLATE_DB, E2E_TODAY, ROOT } from './paths';
import { bundleForTests, cliArgs } from '../support/bin';

export default function globalSetup(): void {
  bundleForTests();
  if (!fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    execFileSync('npm', ['run', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
  }
  fs.rmSync(path.dirname(TEMPLATE_DB), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true });
  execFileSync(
    process.execPath,
    [
      ...cliArgs(),
      'demo-data',
      '--db',
      TEMPLATE_DB,
      '--today',
      E2E_TODAY,
      '--students',
      '150',
      '--groups',
      '6',
      '--teachers',
      '18',
      '--data',
      path.dirname(TEMPLATE_DB),
    ],
    { cwd: ROOT, stdio: 'ignore' },
  );
  // Fold the WAL into the file so a plain copy is complete.
  execFileSync(
    process.execPath,
    [
      '-e',
      `const d = new (require('better-sqlite3'))(${JSON.stringify(TEMPLATE_DB)});` +
        "d.pragma('wal_checkpoint(TRUNCATE)'); d.pragma('journal_mode=DELETE'); d.close()",
    ],
    { cwd: ROOT },
  );
}
