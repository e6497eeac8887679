// Listing removable drives on each platform, from the outputs the systems really give.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  listDrives,
  onDrive,
  parsePowerShellDisks,
  parseProcMounts,
  parseWmicCsv,
} from '../../electron/services/archive/drives.js';

const PROC_MOUNTS = `sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0
tmpfs /run/user/1000 tmpfs rw,nosuid,nodev,relatime 0 0
/dev/sdb1 /media/secretary/ARCHIVE\\0402026 vfat rw,nosuid,nodev,relatime,uid=1000 0 0
/dev/sdc1 /run/media/anna/Флешка exfat rw,nosuid,nodev,relatime 0 0
/dev/sdd1 /media/usb0 ext4 rw,relatime 0 0
//server/share /media/net cifs rw,relatime 0 0
`;

describe('Linux', () => {
  it('takes /media and /run/media mounts of devices, decoding escaped spaces', () => {
    expect(parseProcMounts(PROC_MOUNTS)).toEqual([
      { device: '/dev/sdb1', path: '/media/secretary/ARCHIVE 2026', fsType: 'vfat' },
      { device: '/dev/sdc1', path: '/run/media/anna/Флешка', fsType: 'exfat' },
      { device: '/dev/sdd1', path: '/media/usb0', fsType: 'ext4' },
    ]);
  });
  it('reads a mounts file and asks each drive for its free space', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-mounts-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'mounts'),
        `/dev/sdz1 ${dir.replace(/ /g, '\\040')} vfat rw 0 0\n/dev/sdb1 /media/x/GONE vfat rw 0 0\n`,
      );
      // A mount outside /media is not a removable drive, so point one at /media… only the real one has space.
      const drives = await listDrives('linux', { mounts: path.join(dir, 'mounts'), volumes: '' });
      expect(drives).toEqual([
        { path: '/media/x/GONE', label: 'GONE', fsType: 'vfat', removable: true, freeBytes: null, totalBytes: null },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Windows', () => {
  it('reads PowerShell’s JSON: one drive is an object, several an array, none is empty', () => {
    const one =
      '{"DeviceID":"E:","VolumeName":"KINGSTON","FileSystem":"FAT32","FreeSpace":15032385536,"Size":15502147584}';
    expect(parsePowerShellDisks(one)).toEqual([
      {
        path: 'E:\\',
        label: 'KINGSTON',
        fsType: 'FAT32',
        freeBytes: 15032385536,
        totalBytes: 15502147584,
        removable: true,
      },
    ]);
    const two = `[${one},{"DeviceID":"F:","VolumeName":"","FileSystem":null,"FreeSpace":null,"Size":null}]`;
    expect(parsePowerShellDisks(two).map((d) => [d.path, d.label, d.freeBytes])).toEqual([
      ['E:\\', 'KINGSTON', 15032385536],
      ['F:\\', 'Съёмный диск (F:)', null],
    ]);
    expect(parsePowerShellDisks('')).toEqual([]);
  });
  it('reads wmic’s CSV', () => {
    const csv = [
      '',
      'Node,DeviceID,FileSystem,FreeSpace,Size,VolumeName',
      'PC-SECRETARY,E:,FAT32,15032385536,15502147584,KINGSTON',
      'PC-SECRETARY,G:,,,,',
      '',
    ].join('\r\n');
    expect(parseWmicCsv(csv)).toEqual([
      {
        path: 'E:\\',
        label: 'KINGSTON',
        fsType: 'FAT32',
        freeBytes: 15032385536,
        totalBytes: 15502147584,
        removable: true,
      },
      { path: 'G:\\', label: 'Съёмный диск (G:)', fsType: null, freeBytes: null, totalBytes: null, removable: true },
    ]);
  });
});

describe('macOS', () => {
  it('lists /Volumes but not the system volume, which links to /', async () => {
    const volumes = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-volumes-'));
    try {
      fs.symlinkSync('/', path.join(volumes, 'Macintosh HD'));
      fs.mkdirSync(path.join(volumes, 'ФЛЕШКА'));
      const drives = await listDrives('darwin', { mounts: '', volumes });
      expect(drives.map((d) => d.label)).toEqual(['ФЛЕШКА']);
      expect(drives[0]!.freeBytes).toBeGreaterThan(0);
    } finally {
      fs.rmSync(volumes, { recursive: true, force: true });
    }
  });
});

describe('a folder on a drive', () => {
  it('counts as the drive, a neighbour with a longer name does not', () => {
    const drives = [
      { path: '/media/s/USB', label: 'USB', fsType: 'vfat', freeBytes: 1, totalBytes: 1, removable: true },
    ];
    expect(onDrive('/media/s/USB/архив', drives)?.label).toBe('USB');
    expect(onDrive('/media/s/USB', drives)?.label).toBe('USB');
    expect(onDrive('/media/s/USB2/архив', drives)).toBeNull();
  });
});
