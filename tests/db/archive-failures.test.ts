// An archive that cannot be finished leaves nothing that looks finished: a target too small (a 2 MB
// tmpfs, mounted when the tests run as root), a disk that fills up in the middle, a stick pulled
// out, a read-only medium — each a clear Russian error, the database untouched, no .partial left;
// the next try starts clean, and an older complete archive survives a failed replacement.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import { MediaError, verifyArchive } from '../../electron/export/archive/index.js';
import { writeArchivePackage, type PackageOptions } from '../../electron/services/archive/writer.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { loadFixtures, SMALL_DEMO } from '../support/fixtures.js';

const NAME = 'Журнал_2025-2026_ГБПОУ_ЮЭТ';
const asRoot = process.getuid?.() === 0;

/** A tmpfs of the given size (and options) at a new folder, or null when this process may not mount. */
function mountTmpfs(options: string): { dir: string; unmount: () => void } | null {
  if (!asRoot) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-tmpfs-'));
  const res = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (res.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    console.warn(`⚠ mount -t tmpfs не удался (${res.stderr.trim()}): проверка на малом носителе пропущена`);
    return null;
  }
  return {
    dir,
    unmount: () => {
      spawnSync('umount', [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const canMount = (() => {
  const probe = mountTmpfs('size=1m');
  probe?.unmount();
  if (!probe)
    console.warn(
      '⚠ Тесты с tmpfs (малый и защищённый от записи носитель) пропущены: нужен запуск от root с правом mount',
    );
  return probe !== null;
})();

describeEachDb('archive failures', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let scratch: string;
  let base: Omit<PackageOptions, 'target'>;

  const auditCount = async () =>
    Number(
      (
        await handle.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const untouched = async (audits: number) => {
    expect(await auditCount()).toBe(audits);
    expect(await handle.db.selectFrom('archives').selectAll().execute()).toEqual([]);
    const year = await handle.db
      .selectFrom('academic_years')
      .select('status')
      .where('id', '=', base.yearId)
      .executeTakeFirstOrThrow();
    expect(year.status).toBe('closed');
  };
  const failure = async (promise: Promise<unknown>): Promise<MediaError> => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MediaError);
    return error as MediaError;
  };

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, SMALL_DEMO);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-fail-'));
    base = {
      source: handle,
      yearId: (await loadFixtures(handle.db)).previousYearId,
      keysDir: path.join(scratch, 'keys'),
      createdBy: { login: 'secretary', fullName: 'Секретарь' },
      madeBy: { position: 'Секретарь', name: 'С.' },
      certifier: { position: 'Директор', name: 'Д.' },
      appVersion: '0.1.0',
      formedAt: new Date(2026, 10, 25),
      workers: 0,
    };
  });
  afterAll(async () => {
    await handle?.close();
    await fresh?.drop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it.runIf(canMount)('refuses a 2 MB stick before writing anything, in Russian', async () => {
    const stick = mountTmpfs('size=2m')!;
    try {
      const audits = await auditCount();
      const error = await failure(writeArchivePackage({ ...base, target: stick.dir }));
      expect(error.code).toBe('no_space');
      expect(error.message).toMatch(/^Недостаточно места на носителе .*нужно около \d+ МБ, свободно \d+ МБ/);
      expect(fs.readdirSync(stick.dir)).toEqual([]);
      await untouched(audits);
    } finally {
      stick.unmount();
    }
  });

  it.runIf(canMount)('a disk that fills up in the middle: a clear error, the half-written copy removed', async () => {
    const stick = mountTmpfs('size=2m')!;
    try {
      const audits = await auditCount();
      const error = await failure(writeArchivePackage({ ...base, target: stick.dir, checkSpace: false }));
      expect(error.code).toBe('no_space');
      expect(error.message).toMatch(/Недостаточно места.*незавершённая копия удалена/);
      expect(fs.readdirSync(stick.dir)).toEqual([]);
      await untouched(audits);
    } finally {
      stick.unmount();
    }
  });

  it.runIf(canMount)('a write-protected stick: said so, nothing written', async () => {
    const stick = mountTmpfs('size=8m,ro')!;
    try {
      const error = await failure(writeArchivePackage({ ...base, target: stick.dir }));
      expect(error.message).toMatch(/защищён от записи|Нет прав на запись/);
      expect(fs.readdirSync(stick.dir)).toEqual([]);
    } finally {
      stick.unmount();
    }
  });

  it(
    'a stick pulled out in the middle: «недоступны», nothing complete-looking left; an older archive ' + 'survives',
    async () => {
      const target = fs.mkdtempSync(path.join(scratch, 'stick-'));
      const first = await writeArchivePackage({ ...base, target });
      expect(first.path).toBe(path.join(target, NAME));
      const audits = await auditCount();
      // The folder being written disappears as if the device went away, at the first journal.
      let pulled = false;
      const error = await failure(
        writeArchivePackage({
          ...base,
          target,
          progress: (step) => {
            if (pulled || !step.startsWith('Журналы группы')) return;
            pulled = true;
            for (const entry of fs.readdirSync(target).filter((e) => e.startsWith('.partial-')))
              fs.rmSync(path.join(target, entry), { recursive: true });
          },
        }),
      );
      expect(pulled).toBe(true);
      expect(error.code).toBe('gone');
      expect(error.message).toMatch(/стали недоступны/);
      expect(fs.readdirSync(target)).toEqual([NAME]);
      expect((await verifyArchive(first.path)).ok).toBe(true);
      expect(await auditCount()).toBe(audits);
      expect(await handle.db.selectFrom('archives').selectAll().execute()).toEqual([]);
    },
  );

  it(
    'the next try removes a stale .partial and replaces the old archive only once the new one is ' + 'complete',
    async () => {
      const target = fs.mkdtempSync(path.join(scratch, 'retry-'));
      const old = await writeArchivePackage({ ...base, target });
      const stale = path.join(target, `.partial-${NAME}-deadbeef`);
      fs.mkdirSync(path.join(stale, 'groups'), { recursive: true });
      fs.writeFileSync(path.join(stale, 'journal-2025-2026.sqlite'), 'half');
      let sawBoth = false;
      const next = await writeArchivePackage({
        ...base,
        target,
        formedAt: new Date(2026, 10, 26),
        progress: (step) => {
          if (step !== 'Подпись описи') return;
          const entries = fs.readdirSync(target);
          // While the new one is being finished, the old complete archive is still in place.
          sawBoth =
            entries.includes(NAME) &&
            entries.some((e) => e.startsWith('.partial-')) &&
            !entries.includes(path.basename(stale));
        },
      });
      expect(sawBoth).toBe(true);
      expect(fs.readdirSync(target)).toEqual([NAME]);
      expect(next.manifestSha256).not.toBe(old.manifestSha256);
      expect((await verifyArchive(next.path)).ok).toBe(true);
    },
  );

  it('a missing or read-only target is refused before anything starts', async () => {
    const missing = await failure(writeArchivePackage({ ...base, target: path.join(scratch, 'нет-такой-папки') }));
    expect(missing.message).toMatch(/не найдена/);
    const file = path.join(scratch, 'файл');
    fs.writeFileSync(file, 'x');
    const notDir = await failure(writeArchivePackage({ ...base, target: file }));
    expect(notDir.message).toMatch(/это файл, а не папка/);
  });
});
