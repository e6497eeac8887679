// Latin letters that have Cyrillic twins (a e o c x p y) must stay extractable in every document of
// the process, not only the first: the shared font once lost their ToUnicode entries after a Cyrillic
// document had been subsetted (drawn right, but unsearchable and missing from pdftotext).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createPdf } from '../../electron/export/pdf/index.js';

const popplerMissing = spawnSync('pdftotext', ['-v']).error !== undefined;

it.skipIf(popplerMissing)('keeps Latin text extractable after Cyrillic documents', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-latin-'));
  const texts = [
    'Сокращение часов: аеосх АЕОСХ рру',
    'Причина: extra_hours, code, Pyx, AEOCX',
    'Excel и Word: а a е e о o с c х x р p у y',
  ];
  for (const [i, line] of texts.entries()) {
    const pdf = await createPdf({
      title: 'Проба',
      orientation: 'portrait',
      institution: 'X',
      formedAt: new Date(2026, 10, 25),
    });
    pdf.text(line, { size: 10 });
    const file = path.join(dir, `${i}.pdf`);
    fs.writeFileSync(file, await pdf.finish());
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(line);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
