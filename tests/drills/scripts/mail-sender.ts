// A drill process: the outbox's sender over a journal, as the scheduler runs it, until nothing is due.
// Usage: node dist-electron/tests/mail-sender.cjs DB_URL USER_DATA
import { openDatabase } from '../../../db/connect.js';
import { sendDue } from '../../../electron/services/mail/outbox.js';
import { makeDeps } from '../../support/harness.js';

// A function, not top-level await: the drills start it from a CommonJS bundle (tests/support/bin.ts).
async function main(): Promise<void> {
  const [url, userData] = process.argv.slice(2);
  const handle = await openDatabase(url!, { skipCheck: true });
  const deps = makeDeps(handle, { userData });
  process.stdout.write('READY\n');
  for (;;) {
    const outcome = await sendDue(deps, `drill:${process.pid}`, 5);
    process.stdout.write(`PASS ${outcome.sent} ${outcome.failed}\n`);
    if (outcome.sent + outcome.failed + outcome.deferred === 0) break;
  }
  await handle.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
