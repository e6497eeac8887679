// Every source line is at most 120 characters (Prettier wraps code, not long strings or comments):
// `node build/line-width.mjs` lists the longer ones and fails; part of `npm run format:check`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const WIDTH = 120;
const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.js', '*.mjs', '*.cjs', '*.css'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f && fs.existsSync(f));
const long = [];
for (const file of files) {
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const width = [...line].length;
      if (width > WIDTH) long.push(`${file}:${i + 1}: ${width} символов`);
    });
}
if (long.length > 0) {
  console.error(`Строки длиннее ${WIDTH} символов (${long.length}):\n${long.join('\n')}`);
  process.exit(1);
}
