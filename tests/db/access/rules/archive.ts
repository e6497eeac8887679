// The archive: the secretary (and the administrator) makes archives and picks where they go; the
// deputy and the director control the transfer and may verify and open archives read-only.
// Inputs aim at nothing real (the open year, a missing folder), so allowed callers get a domain
// error, never a refusal, and nothing is written.
import type { AccessRules } from './types.js';

const ARCHIVISTS = ['admin', 'secretary'] as const;
const OVERSEERS = ['admin', 'director', 'deputy', 'secretary'] as const;
const NOWHERE = '/nonexistent/Журнал_2025-2026_нигде';

export const archiveRules: AccessRules = {
  'archive.overview': { allowed: OVERSEERS, input: () => ({}) },
  'archive.drives': { allowed: ARCHIVISTS, input: () => ({}) },
  'archive.folders': { allowed: ARCHIVISTS, input: () => ({ path: NOWHERE }) },
  // The open year: refused as «not closed yet» for those allowed, before any job starts.
  'archive.start': { allowed: ARCHIVISTS, input: (fx) => ({ yearId: fx.currentYearId, destination: null }) },
  'archive.verify': { allowed: OVERSEERS, input: () => ({ path: NOWHERE }) },
  'archive.setSchedule': { allowed: ARCHIVISTS, input: () => ({ dueDate: '09-05', mode: 'remind', targetFolder: '' }) },
  'archive.open': { allowed: OVERSEERS, input: () => ({ path: NOWHERE }) },
  'archive.journal': { allowed: OVERSEERS, input: () => ({ archive: { path: NOWHERE }, journalId: 1 }) },
  'archive.file': { allowed: OVERSEERS, input: () => ({ archive: { path: NOWHERE }, file: 'students.pdf' }) },
};
