// Reports as files, read back as a person would (pdftotext, pdfinfo) and as Excel would (exceljs),
// and each role's scope: what a department head, curator and teacher may and may not ask for.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import type { FileOutput, Input, ReportFiles } from '../../electron/api/contract.js';
import { readSheet } from '../../electron/export/xlsx.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';
import { buildTinyCollege, TINY_PASSWORD, TINY_TODAY, type Tiny } from '../support/tiny-college.js';

const popplerMissing = spawnSync('pdftotext', ['-v']).error !== undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-reports-'));

function save(file: FileOutput): string {
  const out = path.join(dir, `${Math.random().toString(36).slice(2)}-${file.fileName}`);
  fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
  return out;
}
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pages = (file: string) =>
  Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

describeEachDb('report files and scopes', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let t: Tiny;
  let deps: ServiceDeps;
  const as: Record<string, TestClient> = {};

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    t = await buildTinyCollege(handle);
    deps = makeDeps(handle, { today: TINY_TODAY });
    for (const login of ['zam', 'dir', 'zav', 'kur', 't1', 't2'])
      as[login] = await new TestClient(deps).login(login, TINY_PASSWORD);
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  async function files(
    client: TestClient,
    input: Input<'reports.start'>,
  ): Promise<{ files: FileOutput[]; steps: string[] }> {
    const job = await client.call('reports.start', input);
    const steps = new Set<string>([job.step]);
    for (;;) {
      const status = await client.call('jobs.status', { id: job.id });
      steps.add(status.step);
      if (status.state === 'done') return { files: (status.result as ReportFiles).files, steps: [...steps] };
      if (status.state !== 'running') throw new Error(`${status.state}: ${status.error}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it('each role sees its own part: department head, curator, teacher', async () => {
    const zav = await as.zav!.call('reports.keeping', { periodId: t.p1 });
    expect(zav.rows.map((r) => r.journalId).sort()).toEqual([t.j1, t.j2].sort());
    await refused(as.zav!.call('reports.keeping', { periodId: t.p1, departmentId: t.d2 }), 'forbidden');
    const kur = await as.kur!.call('reports.attendance', { periodId: t.p1 });
    expect(kur.groups.map((g) => g.groupId)).toEqual([t.g1]);
    await refused(as.kur!.call('reports.performance', { groupId: t.g2 }), 'forbidden');
    await refused(as.kur!.call('reports.completion', {}), 'forbidden');
    const t1 = await as.t1!.call('reports.completion', { periodId: t.p1 });
    expect(t1.rows.map((r) => r.journalId).sort()).toEqual([t.j1, t.j3].sort());
    await refused(as.t1!.call('reports.completion', { teacherId: t.users.t2 }), 'forbidden');
    await refused(as.t1!.call('reports.keeping', {}), 'forbidden');
    expect((await as.t2!.call('reports.forecast', { periodId: t.p1 })).rows.every((r) => r.journalId === t.j2)).toBe(
      true,
    );
    // The job refuses at once, before any work starts.
    await refused(as.t2!.call('reports.start', { report: 'keeping', format: 'pdf' }), 'forbidden');
    await refused(as.t1!.call('reports.start', { report: 'attendance', format: 'xlsx', journalId: t.j2 }), 'forbidden');
    await refused(
      as.zav!.call('reports.start', { report: 'journalCopy', recipient: 'по запросу', journalId: t.j1 }),
      'forbidden',
    );
    const filters = await as.t1!.call('reports.filters', {});
    expect(filters.reports).toEqual(['completion', 'attendance', 'performance', 'forecast', 'hoursSheet']);
    expect(filters.journals.map((j) => j.journalId).sort()).toEqual([t.j1, t.j3].sort());
    expect(filters.currentPeriodId).toBe(t.p1);
  });

  it.skipIf(popplerMissing)(
    "the keeping report as PDF: title, period, Cyrillic intact, page numbers, the deputy's signature",
    async () => {
      const {
        files: [file],
      } = await files(as.zam!, { report: 'keeping', format: 'pdf', periodId: t.p1 });
      expect(file!.fileName).toBe('Ведение журналов — 1 семестр 2026-2027 учебного года.pdf');
      const pdf = save(file!);
      const all = text(pdf);
      const n = pages(pdf);
      expect(all).toContain('Отчёт о ведении электронных журналов');
      expect(all).toContain('1 семестр 2026/2027 учебного года, данные на 21.10.2026');
      expect(all).toContain('Макарова Юлия Николаевна');
      expect(all).toContain('Энергетическое отделение');
      expect(all).toContain(`Стр. ${n} из ${n}`);
      expect(all).toMatch(/Заместитель директора по учебной работе\s+_{10,}\s+\/Козлова Ю\. В\.\//);
      expect(all).toContain('Посещаемость не отмечена — на занятии нет ни одной отметки');
      // The deputy named in the settings signs instead of the first user with the role.
      deps.settings.update({
        signatures: { deputies: [{ position: 'Заместитель директора по УВР', name: 'Иванова Анна Петровна' }] },
      });
      const {
        files: [signed],
      } = await files(as.zam!, { report: 'completion', format: 'pdf', periodId: t.p1 });
      expect(text(save(signed!))).toMatch(/Заместитель директора по УВР\s+_{10,}\s+\/Иванова А\. П\.\//);
      deps.settings.update({ signatures: { deputies: [] } });
    },
  );

  it("the keeping report as Excel reads back as the service's figures, numbers as numbers, frozen header", async () => {
    const report = await as.zam!.call('reports.keeping', { periodId: t.p1 });
    const {
      files: [file],
    } = await files(as.zam!, { report: 'keeping', format: 'xlsx', periodId: t.p1 });
    const bytes = Buffer.from(file!.base64, 'base64');
    const sheet = await readSheet(bytes, 'По журналам');
    expect(sheet.rows).toHaveLength(report.rows.length);
    for (const row of report.rows) {
      const back = sheet.rows.find((r) => r['Дисциплина'] === row.subjectName && r['Группа'] === row.groupName)!;
      expect(back).toMatchObject({
        Преподаватель: row.teacherName,
        'Всего по плану, ч': row.plannedTotal,
        'Проведено, ч': row.conductedHours,
        'Отставание, ч': row.lagHours,
        Занятий: row.lessons,
        'Без темы': row.withoutTopic,
        'Внесено позже': row.late,
        'Посещаемость не отмечена': row.attendanceNotTaken,
        'Без домашнего задания': row.withoutHomework,
        'Не заполнено по расписанию': row.unfilled,
        Просрочено: row.remarksOverdue,
      });
      expect(back['Выполнено'] as number).toBeCloseTo(row.done!, 12);
    }
    const groups = await readSheet(bytes, 'Посещаемость групп');
    expect(groups.rows.find((r) => r['Группа'] === 'ЭС-11')).toMatchObject({
      'Пропущено, ч': 11,
      'По уважительной, ч': 6,
      'Без уважительной, ч': 5,
    });
    const teachers = await readSheet(bytes, 'По преподавателям');
    expect(teachers.rows.map((r) => r['Преподаватель'])).toEqual(report.teachers.map((x) => x.name));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const ws = wb.getWorksheet('По журналам')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(typeof ws.getCell('E3').value).toBe('number');
    // Dates are Excel dates: the approval date of a correction in the completion workbook.
    const {
      files: [completion],
    } = await files(as.zam!, { report: 'completion', format: 'xlsx', periodId: t.p1 });
    const corrections = await readSheet(Buffer.from(completion!.base64, 'base64'), 'Корректировки');
    expect(corrections.rows[0]!['Дата']).toEqual(new Date(Date.UTC(2026, 9, 1)));
  });

  it.skipIf(popplerMissing)(
    'the certified copy of journal pages: both pages of the spread, «Копия верна», position, name, date',
    async () => {
      const {
        files: [file],
      } = await files(as.dir!, {
        report: 'journalCopy',
        recipient: 'по запросу',
        journalId: t.j1,
        periodId: t.p1,
        signer: 'director',
      });
      const pdf = save(file!);
      expect(pages(pdf)).toBe(2);
      const all = text(pdf);
      expect(all).toContain('Копия страниц электронного журнала учебных занятий');
      expect(all).toContain('Левая страница: посещаемость и отметки');
      expect(all).toContain('Правая страница: содержание занятий');
      expect(all).toContain('Васильев Глеб Олегович'); // withdrawn on 01.10, still on the pages of September
      expect(all).toContain('Тема занятия 2026-09-07');
      expect(all).toContain('тема не указана');
      expect(all).toContain('Всего за период: 6 занятий, 12 ч. Обучающихся в списке: 3.');
      expect(all).toMatch(/Копия верна\s+Директор\s+_{10,}\s+Тучин В\. М\./);
      expect(all).toContain('21.10.2026');
      const copy = await refused(
        as.zam!.call('reports.start', {
          report: 'journalCopy',
          recipient: 'по запросу',
          journalId: t.j1,
          from: '2026-10-10',
          to: '2026-10-01',
        }),
        'bad_request',
      );
      expect(copy.message).toBe('Начало 10.10.2026 позже конца 01.10.2026');
    },
  );

  it('one click makes the whole semester pack, with progress, as one PDF and one workbook', async () => {
    const { files: pack, steps } = await files(as.zam!, { report: 'pack', periodId: t.p1 });
    expect(pack.map((f) => f.fileName)).toEqual([
      'Пакет отчётов о ведении журналов — 1 семестр 2026-2027 учебного года.pdf',
      'Пакет отчётов о ведении журналов — 1 семестр 2026-2027 учебного года.xlsx',
    ]);
    expect(steps.length).toBeGreaterThan(1);
    const wb = Buffer.from(pack[1]!.base64, 'base64');
    for (const name of [
      'По журналам',
      'По преподавателям',
      'По отделениям',
      'Посещаемость групп',
      'Корректировки',
      'Выполнение по отделениям',
      'Успеваемость групп',
      'По дисциплинам',
      'Прогноз и группа риска',
      'Часы по месяцам',
    ]) {
      expect((await readSheet(wb, name)).name).toBe(name);
    }
    const risk = await readSheet(wb, 'Прогноз и группа риска');
    expect(risk.rows).toHaveLength((await as.zam!.call('reports.forecast', { periodId: t.p1 })).rows.length);
    if (!popplerMissing) {
      const all = text(save(pack[0]!));
      for (const section of [
        'I. Ведение журналов',
        'II. Выполнение программ',
        'III. Успеваемость',
        'IV. Прогноз успеваемости',
        'V. Часы',
      ])
        expect(all).toContain(section);
      expect(all).toContain('Причина: extra_hours');
    }
  });

  it('every report comes out as PDF and Excel for the roles that may run it', async () => {
    const kinds = [
      { report: 'completion', as: 't1' },
      { report: 'attendance', as: 'kur' },
      { report: 'performance', as: 'zav' },
      { report: 'forecast', as: 'zam' },
      { report: 'hoursSheet', as: 'zam' },
    ] as const;
    for (const k of kinds) {
      for (const format of ['pdf', 'xlsx'] as const) {
        const input = (
          k.report === 'hoursSheet' ? { report: k.report, format } : { report: k.report, format, periodId: t.p1 }
        ) as Input<'reports.start'>;
        const {
          files: [file],
        } = await files(as[k.as]!, input);
        expect(file!.fileName.endsWith(`.${format}`)).toBe(true);
        if (format === 'xlsx')
          expect((await readSheet(Buffer.from(file!.base64, 'base64'))).rows.length).toBeGreaterThan(0);
        else if (!popplerMissing) expect(text(save(file!))).toMatch(/Стр\. 1 из \d+/);
      }
    }
  });
});
