// `verify DIR [--key public.pem]`: every hash and the signature recomputed. Exit 0 when the archive is
// intact; 1 naming the first file that differs, is missing or is extra (or a bad signature).
import fs from 'node:fs';
import path from 'node:path';
import { fingerprintOf, groupedFingerprint } from '../export/archive/signing.js';
import { verifyArchive, verifySummary } from '../export/archive/verify.js';
import { flagString } from '../args.js';
import { CliError, type CliCommand } from './command.js';

export const verifyCommand: CliCommand = {
  name: 'verify',
  options: { key: 'string' },
  usage: 'verify DIR [--key PUBLIC_KEY.pem]',
  summary:
    'проверить архив: SHA-256 каждого файла и подпись описи; код 0 — цел, 1 — назван первый изменённый, пропавший ' +
    'или лишний файл',
  async run(positional, flags) {
    const dir = positional[0];
    if (!dir) throw new CliError('Укажите папку архива: verify DIR');
    const keyFile = flagString(flags, 'key');
    let expected: string | null = null;
    if (keyFile) {
      try {
        expected = fingerprintOf(fs.readFileSync(keyFile, 'utf8'));
      } catch (error) {
        throw new CliError(`Не удалось прочитать ключ ${keyFile}: ${(error as Error).message}`);
      }
    }
    const result = await verifyArchive(path.resolve(dir), { expectedFingerprint: expected });
    if (result.manifest)
      console.log(
        `Архив: ${result.manifest.institution.shortName}, ${result.manifest.year.title} учебный год, сформирован ` +
          `${result.manifest.createdAt}`,
      );
    if (result.fingerprint)
      console.log(`Отпечаток ключа: ${groupedFingerprint(result.fingerprint)} — сверьте с листом заверения`);
    if (result.ok) {
      console.log(verifySummary(result));
      return 0;
    }
    const first = result.problems[0]!;
    console.error(`НЕ ПРОЙДЕНА: ${first.path}: ${first.message}`);
    for (const p of result.problems.slice(1, 20)) console.error(`  также: ${p.message}`);
    if (result.problems.length > 20) console.error(`  … и ещё ${result.problems.length - 20}`);
    return 1;
  },
};
