// The command line: `npm run cli -- <command> …`. Same services and database code as the app.
import { OptionsError, parseOptions } from './args.js';
import { CliError, type CliCommand } from './cli/command.js';
import { demoDataCommand } from './cli/demo-data.js';
import { initCommand } from './cli/init.js';
import { archiveCommand } from './cli/archive.js';
import { verifyCommand } from './cli/verify.js';
import { backupCommand } from './cli/backup.js';
import { restoreCommand } from './cli/restore.js';
import { checkCommand } from './cli/check.js';
import { resetPasswordCommand } from './cli/reset-password.js';
import { importCommand } from './cli/import.js';
import { reportCommand } from './cli/report.js';
import { serveCommand } from './cli/serve.js';
import { DatabaseOpenError } from '../db/errors.js';
import { AppError } from './api/errors.js';

const commands: CliCommand[] = [
  initCommand,
  demoDataCommand,
  reportCommand,
  resetPasswordCommand,
  backupCommand,
  restoreCommand,
  checkCommand,
  importCommand,
  archiveCommand,
  verifyCommand,
  serveCommand,
];

function help(): void {
  console.log('Журнал — командная строка. Использование: npm run cli -- <команда> [параметры]\n');
  for (const c of commands) console.log(`  ${c.usage}\n      ${c.summary}`);
  console.log('\nОбщие параметры: --data DIR (папка данных программы), --today ГГГГ-ММ-ДД (дата для проверок)');
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === 'help' || name === '--help') {
    help();
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Неизвестная команда «${name}».`);
    help();
    return 2;
  }
  const { positional, flags } = parseOptions(rest, command.options, `команды ${name}`);
  return command.run(positional, flags);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof CliError ||
      error instanceof OptionsError ||
      error instanceof DatabaseOpenError ||
      error instanceof AppError;
    // A stack trace is for developers (ZHURNAL_DEBUG=1); a user gets one line.
    if (known || !process.env.ZHURNAL_DEBUG)
      console.error(`Ошибка: ${error instanceof Error ? error.message : String(error)}`);
    else console.error(error);
    process.exit(known ? 2 : 1);
  },
);
