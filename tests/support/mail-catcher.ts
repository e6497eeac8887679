// `npm run mail-catcher -- [--port 2525] [--dir FOLDER]`: a local SMTP server for trying the letters to
// families (`npm run demo -- --smtp 127.0.0.1:2525`): prints each letter's recipient and subject and saves
// it as HTML and text in the folder, to open in a browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSmtp } from './smtp.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, dir: { type: 'string' } } });
  const dir = values.dir ?? path.join(os.tmpdir(), 'zhurnal-letters');
  fs.mkdirSync(dir, { recursive: true });
  const smtp = await startSmtp(Number(values.port ?? 2525));
  console.log(`Почтовый сервер для проверки: 127.0.0.1:${smtp.port}; письма сохраняются в ${dir}`);
  let shown = 0;
  setInterval(() => {
    for (; shown < smtp.received.length; shown++) {
      const letter = smtp.received[shown]!;
      const name = `${String(shown + 1).padStart(4, '0')}-${letter.to.replace(/[^\w.@-]/g, '_')}`;
      fs.writeFileSync(path.join(dir, `${name}.html`), letter.html);
      fs.writeFileSync(path.join(dir, `${name}.txt`), `Кому: ${letter.to}\nТема: ${letter.subject}\n\n${letter.text}`);
      console.log(`→ ${letter.to}: ${letter.subject}`);
    }
  }, 200);
}

void main();
