// Removable drives the secretary can copy the archive to: Linux mounts under /media and /run/media
// (from /proc/mounts), Windows removable drive letters (PowerShell, or wmic on older systems), macOS
// volumes under /Volumes. Parsing is kept in pure functions so every platform's output is tested here.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Drive } from '../../api/contract.js';

/** /proc/mounts writes space, tab, newline and backslash in paths as octal escapes. */
function unescapeMount(value: string): string {
  return value.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** Mounts of removable media on Linux: udisks puts them at /media/<user>/<label> or /run/media/<user>/<label>. */
export function parseProcMounts(text: string): Array<{ device: string; path: string; fsType: string }> {
  const out: Array<{ device: string; path: string; fsType: string }> = [];
  for (const line of text.split('\n')) {
    const [device, mount, fsType] = line.split(' ');
    if (!device || !mount || !fsType) continue;
    const where = unescapeMount(mount);
    if (/^\/(run\/)?media\/[^/]+(\/[^/]+)?$/.test(where) && device.startsWith('/dev/'))
      out.push({ device, path: where, fsType });
  }
  // /media/<user> itself is a folder, not a mount; keep the deepest distinct mounts.
  return out.filter((m, i) => out.findIndex((o) => o.path === m.path) === i);
}

interface WinDisk {
  DeviceID?: string;
  VolumeName?: string | null;
  FileSystem?: string | null;
  FreeSpace?: number | string | null;
  Size?: number | string | null;
}

const num = (v: unknown): number | null =>
  v === null || v === undefined || v === '' || Number.isNaN(Number(v)) ? null : Number(v);

function winDrive(d: WinDisk): Drive | null {
  const letter = (d.DeviceID ?? '').trim();
  if (!/^[A-Z]:$/i.test(letter)) return null;
  return {
    path: `${letter.toUpperCase()}\\`,
    label: d.VolumeName?.trim() || `Съёмный диск (${letter.toUpperCase()})`,
    fsType: d.FileSystem?.trim() || null,
    freeBytes: num(d.FreeSpace),
    totalBytes: num(d.Size),
    removable: true,
  };
}

/** `Get-CimInstance Win32_LogicalDisk -Filter DriveType=2 | ConvertTo-Json`: an object, an array, or nothing. */
export function parsePowerShellDisks(json: string): Drive[] {
  const trimmed = json.trim();
  if (!trimmed) return [];
  const value = JSON.parse(trimmed) as WinDisk | WinDisk[];
  return (Array.isArray(value) ? value : [value]).map(winDrive).filter((d): d is Drive => d !== null);
}

/** `wmic logicaldisk where drivetype=2 get DeviceID,FileSystem,FreeSpace,Size,VolumeName /format:csv`. */
export function parseWmicCsv(text: string): Drive[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const header = lines.shift()?.split(',') ?? [];
  return lines
    .map((line) => {
      const cells = line.split(',');
      const row: Record<string, string> = {};
      header.forEach((h, i) => {
        row[h.trim()] = cells[i] ?? '';
      });
      return winDrive(row as WinDisk);
    })
    .filter((d): d is Drive => d !== null);
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 8000, windowsHide: true, encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

async function space(dir: string): Promise<{ freeBytes: number | null; totalBytes: number | null }> {
  try {
    const s = await fs.promises.statfs(dir);
    return { freeBytes: Number(s.bavail) * Number(s.bsize), totalBytes: Number(s.blocks) * Number(s.bsize) };
  } catch {
    return { freeBytes: null, totalBytes: null }; // a drive that went away between listing and asking
  }
}

async function linuxDrives(mountsFile: string): Promise<Drive[]> {
  const text = await fs.promises.readFile(mountsFile, 'utf8').catch(() => '');
  return Promise.all(
    parseProcMounts(text).map(async (m) => ({
      path: m.path,
      label: path.basename(m.path),
      fsType: m.fsType,
      removable: true,
      ...(await space(m.path)),
    })),
  );
}

async function windowsDrives(): Promise<Drive[]> {
  try {
    const out = await run('powershell.exe', [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      '[Console]::OutputEncoding=[Text.Encoding]::UTF8; Get-CimInstance Win32_LogicalDisk -Filter "DriveType=2" | ' +
        'Select-Object DeviceID,VolumeName,FileSystem,FreeSpace,Size | ConvertTo-Json -Compress',
    ]);
    return parsePowerShellDisks(out);
  } catch {
    // PowerShell blocked by policy or missing: wmic (deprecated, but present on older Windows).
    const out = await run('wmic', [
      'logicaldisk',
      'where',
      'drivetype=2',
      'get',
      'DeviceID,FileSystem,FreeSpace,Size,VolumeName',
      '/format:csv',
    ]).catch(() => '');
    return parseWmicCsv(out);
  }
}

async function macDrives(volumes: string): Promise<Drive[]> {
  const names = await fs.promises.readdir(volumes).catch(() => [] as string[]);
  const drives: Drive[] = [];
  for (const name of names) {
    const full = path.join(volumes, name);
    const real = await fs.promises.realpath(full).catch(() => full);
    if (real === '/' || name.startsWith('.')) continue; // the system volume is a link to /
    drives.push({ path: full, label: name, fsType: null, removable: true, ...(await space(full)) });
  }
  return drives;
}

export async function listDrives(
  platform: NodeJS.Platform = process.platform,
  roots = { mounts: '/proc/mounts', volumes: '/Volumes' },
): Promise<Drive[]> {
  if (platform === 'win32') return windowsDrives();
  if (platform === 'darwin') return macDrives(roots.volumes);
  return linuxDrives(roots.mounts);
}

/** Is the folder on one of the drives (so a copy there counts as a transfer to removable media)? */
export function onDrive(folder: string, drives: readonly Drive[]): Drive | null {
  const norm = (p: string) =>
    path
      .resolve(p)
      .replace(/[\\/]+$/, '')
      .toLowerCase();
  const f = norm(folder);
  return (
    drives.find(
      (d) => f === norm(d.path) || f.startsWith(`${norm(d.path)}${path.sep}`) || f.startsWith(`${norm(d.path)}/`),
    ) ?? null
  );
}
