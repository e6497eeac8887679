// The year-end archive (000 §3.2.2, §3.3.1): the secretary archives a closed year into the store by
// years and duplicates it to removable media; the deputy sees whether each year's transfer was done
// and verified; archived years open read-only from the store or from a stick.
import { z } from 'zod';
import { method } from '../define.js';
import { empty, id } from '../schemas.js';
import type { YearStatus } from '../../../db/schema.js';
import type { FileOutput, JobInfo } from './jobs.js';

export type ArchiveTarget = 'store' | 'removable' | 'folder';

export interface ArchiveCopy {
  id: number;
  target: ArchiveTarget;
  path: string;
  createdAt: string;
  createdBy: string | null;
  fileCount: number;
  bytes: number;
  manifestSha256: string;
  verifiedAt: string | null;
  verifyOk: boolean;
  /** The folder is there now (a stick may be out). */
  present: boolean;
}

export type ArchiveDueState = 'not_due' | 'waiting_close' | 'due' | 'done';

export interface ArchiveYear {
  yearId: number;
  title: string;
  startsOn: string;
  endsOn: string;
  status: YearStatus;
  /** When the schedule expects the archive: the configured MM-DD after the year's end. */
  dueOn: string;
  state: ArchiveDueState;
  store: ArchiveCopy | null;
  /** Copies on removable media or other folders, newest first. */
  transfers: ArchiveCopy[];
}

export interface ArchiveSchedule {
  dueDate: string;
  mode: 'off' | 'remind' | 'auto';
  targetFolder: string;
  lastReminderAt: string;
}

export interface ArchiveOverview {
  years: ArchiveYear[];
  schedule: ArchiveSchedule;
  storePath: string;
  /** The institution's signing key, once made (it is made by the first archive). */
  keyFingerprint: string | null;
  /** An archive job of this session still running, to pick up its progress after a reload. */
  runningJobId: string | null;
}

export interface Drive {
  path: string;
  label: string;
  fsType: string | null;
  freeBytes: number | null;
  totalBytes: number | null;
  removable: boolean;
}

export interface FolderListing {
  path: string;
  parent: string | null;
  folders: Array<{ name: string; path: string }>;
  freeBytes: number | null;
  writable: boolean;
  /** Starting points when no path is given: home, drives. */
  places: Array<{ label: string; path: string }>;
}

export interface VerifyReport {
  ok: boolean;
  path: string;
  summary: string;
  fingerprint: string | null;
  keyMatches: boolean | null;
  filesChecked: number;
  problems: Array<{ kind: string; path: string; message: string }>;
}

export interface ArchivedJournal {
  id: number;
  subjectName: string;
  subjectCode: string | null;
  subgroup: number | null;
  teacher: string;
  /** Relative path of its certified PDF copy inside the package. */
  pdf: string | null;
}

export interface ArchivedYear {
  path: string;
  institution: string;
  yearTitle: string;
  createdAt: string;
  createdBy: string;
  counts: Record<string, number>;
  fingerprint: string;
  groups: Array<{ id: number; name: string; course: number; curator: string | null; journals: ArchivedJournal[] }>;
  files: Array<{ path: string; size: number }>;
}

export interface ArchivedJournalPage {
  groupName: string;
  subjectName: string;
  subgroup: number | null;
  teacher: string;
  yearTitle: string;
  lessons: Array<{
    date: string;
    lessonNo: number;
    hours: number;
    topic: string;
    kind: string;
    homework: string | null;
  }>;
  students: Array<{
    id: number;
    fullName: string;
    onRoster: boolean[];
    cells: string[];
    finals: Record<string, string>;
  }>;
  finalColumns: string[];
}

const folderPath = z
  .string({ error: 'Укажите папку' })
  .trim()
  .min(1, 'Укажите папку')
  .max(1000, 'Слишком длинный путь')
  .refine((s) => !s.includes('\0'), 'Путь к папке содержит недопустимый символ');
/** Either an archive the program recorded, or a package folder (a stick from another computer). */
const archiveRef = z.union([z.object({ archiveId: id('Архив') }).strict(), z.object({ path: folderPath }).strict()], {
  error: 'Укажите архив: archiveId или путь к папке архива',
});

const ARCHIVISTS = ['secretary', 'admin'] as const;
const OVERSEERS = ['secretary', 'deputy', 'director', 'admin'] as const;

export const archiveMethods = {
  'archive.overview': method<ArchiveOverview>()({
    summary: 'Архив по учебным годам: сроки, копия в хранилище, перенос на съёмные носители и их проверка',
    access: OVERSEERS,
    input: empty,
  }),
  'archive.drives': method<Drive[]>()({
    summary: 'Подключённые съёмные носители (флешки) со свободным местом',
    access: ARCHIVISTS,
    input: empty,
  }),
  'archive.folders': method<FolderListing>()({
    summary: 'Папки компьютера для выбора, куда записать копию архива',
    access: ARCHIVISTS,
    input: z.object({ path: folderPath.optional() }).strict(),
  }),
  'archive.start': method<JobInfo>()({
    summary: 'Архивировать закрытый год в хранилище и (по выбору) записать копию на носитель; ход — через jobs.status',
    access: ARCHIVISTS,
    input: z
      .object({
        yearId: id('Учебный год'),
        /** A folder on a stick (or any folder) for the copy; null — only the store. */
        destination: folderPath.nullish().transform((v) => v ?? null),
        /** Build the store package again even if a verified one exists. */
        rebuild: z.boolean().optional().default(false),
      })
      .strict(),
  }),
  'archive.verify': method<JobInfo>()({
    summary: 'Проверить архив: пересчитать SHA-256 каждого файла и подпись описи; результат — через jobs.status',
    access: OVERSEERS,
    input: archiveRef,
  }),
  'archive.setSchedule': method<ArchiveSchedule>()({
    summary: 'Срок и режим архивирования после окончания года: выключено, напоминать или архивировать самостоятельно',
    access: ARCHIVISTS,
    input: z
      .object({
        dueDate: z
          .string({ error: 'Укажите дату' })
          .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Дата: день и месяц в формате ММ-ДД, например 09-05'),
        mode: z.enum(['off', 'remind', 'auto'], { error: 'Режим: off, remind или auto' }),
        targetFolder: z.string().trim().max(1000, 'Слишком длинный путь').default(''),
      })
      .strict(),
  }),
  'archive.open': method<ArchivedYear>()({
    summary: 'Открыть архивный год только для чтения (из хранилища или с носителя): группы, журналы, файлы',
    access: OVERSEERS,
    input: archiveRef,
  }),
  'archive.journal': method<ArchivedJournalPage>()({
    summary: 'Страница журнала архивного года (только чтение)',
    access: OVERSEERS,
    input: z.object({ archive: archiveRef, journalId: id('Журнал') }).strict(),
  }),
  'archive.file': method<FileOutput>()({
    summary: 'Файл из архива (заверенная копия журнала, сведения об обучающихся, лист заверения)',
    access: OVERSEERS,
    input: z.object({ archive: archiveRef, file: z.string({ error: 'Укажите файл' }).min(1).max(500) }).strict(),
  }),
};
