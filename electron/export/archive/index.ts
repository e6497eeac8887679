// The year-end archive package (DESIGN.md §7): written, copied and verified without the services.
export { writeArchivePackage, type PackageOptions, type PackageResult } from './writer.js';
export { copyPackage, type CopyOptions, type CopyResult } from './copy.js';
export { verifyArchive, verifySummary, type VerifyOptions, type VerifyProblem, type VerifyResult } from './verify.js';
export { MediaError, PARTIAL_PREFIX, OLD_PREFIX } from './fsutil.js';
export { loadOrCreateInstitutionKey, fingerprintOf, groupedFingerprint } from './signing.js';
export { renderJournal, type JournalRenderer, type JournalPdfContext, type JournalSheet, type RenderedJournal } from './journal-pdf.js';
export * from './manifest.js';
