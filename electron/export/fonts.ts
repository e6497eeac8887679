// The TrueType fonts every PDF embeds. DejaVu covers Cyrillic, «», №, — and digits in one family.
// In development they come from the dejavu-fonts-ttf package; the packaged app ships them in its
// resources folder and points here with setFontsDir() (or ZHURNAL_FONTS_DIR) before the first PDF.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export type FontFace = 'sans' | 'sans-bold' | 'condensed' | 'condensed-bold' | 'mono';

export const FONT_FILES: Readonly<Record<FontFace, string>> = {
  sans: 'DejaVuSans.ttf',
  'sans-bold': 'DejaVuSans-Bold.ttf',
  condensed: 'DejaVuSansCondensed.ttf',
  'condensed-bold': 'DejaVuSansCondensed-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
};

let overrideDir: string | null = null;
const cache = new Map<string, Uint8Array>();

/** Use fonts from this folder (the packaged app's resources); `null` goes back to the defaults. */
export function setFontsDir(dir: string | null): void {
  overrideDir = dir;
  cache.clear();
}

let packageDir: string | null | undefined;

/** The bundled package's folder, or null when the package is not installed (a packaged app). Looked up once. */
function packageFontsDir(): string | null {
  if (packageDir !== undefined) return packageDir;
  try {
    const pkg = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
    packageDir = path.join(path.dirname(pkg), 'ttf');
  } catch {
    packageDir = null; // not installed: only the override or the environment can help
  }
  return packageDir;
}

/** Folders searched for the fonts, in order: setFontsDir(), ZHURNAL_FONTS_DIR, the npm package. */
export function fontSearchDirs(): string[] {
  const dirs = [overrideDir, process.env.ZHURNAL_FONTS_DIR || null, packageFontsDir()];
  return dirs.filter((d): d is string => !!d);
}

/** The path of a font file; throws a Russian message naming every folder it looked in. */
export function fontPath(face: FontFace): string {
  const file = FONT_FILES[face];
  const dirs = fontSearchDirs();
  for (const dir of dirs) {
    const candidate = path.join(dir, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`Не найден шрифт ${file} для PDF. Искали в: ${dirs.join('; ') || '(нет папок)'}`);
}

/** The file a face was found in, by the folders searched (every document asks: an archive, 1,300 times). */
const found = new Map<string, string>();

/** The font's bytes, read from disk once per process. */
export function loadFont(face: FontFace): Uint8Array {
  const key = `${face}|${overrideDir ?? ''}|${process.env.ZHURNAL_FONTS_DIR ?? ''}`;
  let file = found.get(key);
  if (!file) found.set(key, (file = fontPath(face)));
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = new Uint8Array(fs.readFileSync(file));
    cache.set(file, bytes);
  }
  return bytes;
}
