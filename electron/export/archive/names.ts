// File and folder names inside a package: the group's and subject's own words, made safe for every
// file system a stick may carry (FAT32, exFAT, NTFS, ext4, APFS) and unique within their folder.

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX = 80;

/** Keeps Cyrillic, drops what Windows refuses; no trailing dot or space (Windows strips them). */
export function packageFileName(wanted: string): string {
  const name = wanted
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX)
    .replace(/[. ]+$/g, '')
    .replace(/^[. ]+/g, '');
  if (!name) return 'без названия';
  return RESERVED.test(name) ? `${name}_` : name;
}

/** `name`, or `name (2)`, `name (3)`… when taken (compared ignoring case: Windows and macOS do). */
export function uniqueName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
