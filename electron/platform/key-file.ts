// A secret file made once and never rewritten: written to a temporary file (0600, fsynced) and linked into
// place, so a reader never sees half of it and two processes making it at once keep the same one.
import fs from 'node:fs';
import path from 'node:path';

/** Writes `content` to `dir/name` unless the file is there; either way the file's content is returned. */
export function createKeyFileOnce(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // `link` fails if another process made the file meanwhile: then theirs is kept and ours dropped.
  try {
    fs.linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return fs.readFileSync(file, 'utf8');
}
