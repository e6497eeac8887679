// Where the PDF fonts come from: the npm package in development, a resources folder when packaged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fontPath, fontSearchDirs, loadFont, setFontsDir } from '../../electron/export/fonts.js';

afterEach(() => {
  setFontsDir(null);
  delete process.env.ZHURNAL_FONTS_DIR;
});

function folderWithSans(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-fonts-'));
  fs.copyFileSync(fontPath('sans'), path.join(dir, 'DejaVuSans.ttf'));
  return dir;
}

describe('fonts', () => {
  it('finds DejaVu in the dejavu-fonts-ttf package and reads each file once', () => {
    expect(fontPath('condensed')).toMatch(/dejavu-fonts-ttf[\\/]ttf[\\/]DejaVuSansCondensed\.ttf$/);
    const bytes = loadFont('condensed-bold');
    expect(bytes.byteLength).toBeGreaterThan(100_000);
    expect(loadFont('condensed-bold')).toBe(bytes);
  });

  it('prefers setFontsDir(), then ZHURNAL_FONTS_DIR, and falls back per file', () => {
    const own = folderWithSans();
    const env = folderWithSans();
    process.env.ZHURNAL_FONTS_DIR = env;
    expect(fontPath('sans')).toBe(path.join(env, 'DejaVuSans.ttf'));
    setFontsDir(own);
    expect(fontSearchDirs().slice(0, 2)).toEqual([own, env]);
    expect(fontPath('sans')).toBe(path.join(own, 'DejaVuSans.ttf'));
    expect(fontPath('mono')).toMatch(/dejavu-fonts-ttf/); // not in either folder
    fs.rmSync(own, { recursive: true });
    fs.rmSync(env, { recursive: true });
  });
});
