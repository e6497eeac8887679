// The year-end archive package's files (DESIGN.md §7), made from data already read, and the package
// copied and verified without the services. Reading the year and writing a package in order is
// services/archive/writer.ts.
export { copyPackage, type CopyOptions, type CopyResult } from './copy.js';
export { verifyArchive, verifySummary, type VerifyOptions, type VerifyProblem, type VerifyResult } from './verify.js';
export { MediaError, PARTIAL_PREFIX, OLD_PREFIX } from './fsutil.js';
export { loadOrCreateInstitutionKey, fingerprintOf, groupedFingerprint } from './signing.js';
export {
  renderJournal,
  type ArchivedJournal,
  type FinalMarks,
  type JournalPdfContext,
  type JournalSheet,
  type RenderedJournal,
} from './journal-pdf.js';
export type { GroupInfo, JournalInfo, StudentInfo, YearRow } from './package-data.js';
export * from './manifest.js';
