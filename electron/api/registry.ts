// Each contract method's service function. The type makes a missing or mistyped entry a compile error.
import type { MethodName, Output, Parsed } from './contract.js';
import type { AuthedContext, ServiceContext } from '../services/context.js';
import * as auth from '../services/auth.js';
import * as home from '../services/home.js';
import * as setup from '../services/setup.js';
import * as firstRun from '../services/first-run.js';
import * as jobs from '../services/jobs-api.js';
import * as archive from '../services/archive/index.js';
import { yearHandlers } from '../services/year/handlers.js';
import * as backups from '../services/backups-api.js';
import * as settingsApi from '../services/settings-api.js';
import * as institution from '../services/institution.js';
import * as usersRead from '../services/users/read.js';
import * as usersWrite from '../services/users/write.js';
import * as usersAssignments from '../services/users/assignments.js';
import { families } from '../services/users/families.js';
import { slips } from '../services/users/slips.js';
import * as auditLog from '../services/audit-log.js';
import * as auditExport from '../services/audit-export.js';
import * as remarks from '../services/remarks/index.js';
import * as corrections from '../services/corrections.js';
import * as reports from '../services/reports/index.js';
import * as journalPage from '../services/journal/page.js';
import { list as listJournals } from '../services/journal/journal-list.js';
import * as cells from '../services/journal/cells.js';
import * as lessons from '../services/journal/lessons.js';
import * as columns from '../services/journal/columns.js';
import * as finals from '../services/journal/finals.js';
import * as unlocks from '../services/journal/unlocks.js';
import * as excuses from '../services/journal/excuses.js';
import * as family from '../services/journal/family.js';
import * as timetableChanges from '../services/timetable-changes.js';
import * as registers from '../services/year/register-completeness.js';
import * as copies from '../services/reports/copies.js';
import * as recordSheets from '../services/assessments/record-sheet.js';
import * as resits from '../services/assessments/resits.js';
import * as assessmentFiles from '../services/assessments/files.js';
import { debts } from '../services/assessments/debts.js';
import { summary } from '../services/assessments/summary.js';
import * as practice from '../services/assessments/practice.js';
import * as qualification from '../services/assessments/qualification.js';
import { history as journalHistory } from '../services/journal/history.js';
import * as mailConfig from '../services/mail/config.js';
import * as mailOutbox from '../services/mail/outbox.js';
import * as mailSubscriptions from '../services/mail/subscriptions.js';

export type Handler<M extends MethodName> = (ctx: AuthedContext, input: Parsed<M>) => Promise<Output<M>>;
export type PublicHandler<M extends MethodName> = (ctx: ServiceContext, input: Parsed<M>) => Promise<Output<M>>;
export type Handlers = { [M in MethodName]: Handler<M> | PublicHandler<M> };

export const handlers: Handlers = {
  'mail.settings': mailConfig.settings,
  'mail.saveSettings': mailConfig.saveSettings,
  'mail.test': mailOutbox.test,
  'mail.log': mailOutbox.log,
  'mail.retry': mailOutbox.retry,
  'mail.recipients': mailSubscriptions.recipients,
  'mail.subscribe': mailSubscriptions.subscribe,
  'mail.mine': mailSubscriptions.mine,
  'mail.setMine': mailSubscriptions.setMine,
  'setup.status': setup.status,
  'setup.initialize': setup.initialize,
  'setup.checkDatabase': firstRun.checkDatabase,
  'setup.connectDatabase': firstRun.connectDatabase,
  'setup.restore': firstRun.restore,
  'auth.login': auth.login,
  'auth.logout': auth.logout,
  'auth.me': auth.whoAmI,
  'auth.changePassword': auth.changePassword,
  'auth.lock': auth.lock,
  'auth.unlock': auth.unlock,
  'home.summary': home.summary,
  'jobs.status': jobs.status,
  'jobs.cancel': jobs.cancel,
  'archive.overview': archive.overview,
  'archive.drives': archive.drives,
  'archive.folders': archive.folders,
  'archive.start': archive.start,
  'archive.verify': archive.verify,
  'archive.setSchedule': archive.setSchedule,
  'archive.open': archive.open,
  'archive.journal': archive.journal,
  'archive.file': archive.file,
  ...yearHandlers,
  'timetableChanges.list': timetableChanges.list,
  'timetableChanges.create': timetableChanges.create,
  'timetableChanges.remove': timetableChanges.remove,
  'registers.completeness': registers.completeness,
  'registers.completenessFile': registers.completenessFile,
  'journal.history': journalHistory,
  'copies.list': copies.list,
  'copies.xlsx': copies.xlsx,
  'assessments.sheet': recordSheets.sheet,
  'assessments.save': recordSheets.save,
  'assessments.sheetFile': assessmentFiles.sheetFile,
  'assessments.debts': debts,
  'assessments.debtsFile': assessmentFiles.debtsFile,
  'assessments.summary': summary,
  'assessments.summaryFile': assessmentFiles.summaryFile,
  'resits.issue': resits.issue,
  'resits.record': resits.record,
  'resits.sheetFile': assessmentFiles.resitSheetFile,
  'practice.get': practice.get,
  'practice.save': practice.save,
  'practice.sheetFile': assessmentFiles.practiceSheetFile,
  'qualification.modules': qualification.modules,
  'qualification.get': qualification.get,
  'qualification.save': qualification.save,
  'qualification.sheetFile': assessmentFiles.qualificationFile,
  'backups.list': backups.list,
  'backups.create': backups.create,
  'backups.inspect': backups.inspect,
  'backups.restore': backups.restore,
  'settings.get': settingsApi.get,
  'settings.update': settingsApi.update,
  'settings.checkFolder': settingsApi.checkFolder,
  'settings.testDatabase': settingsApi.testDatabase,
  'settings.setDatabase': settingsApi.setDatabase,
  'institution.get': institution.get,
  'institution.update': institution.update,
  'users.list': usersRead.list,
  'users.get': usersRead.get,
  'users.scopes': usersRead.scopes,
  'users.journals': usersRead.journals,
  'users.myJournals': usersRead.myJournals,
  'users.create': usersWrite.create,
  'users.update': usersWrite.update,
  'users.setActive': usersWrite.setActive,
  'users.setRoles': usersAssignments.setRoles,
  'users.resetPassword': usersWrite.resetPassword,
  'users.unlock': usersWrite.unlock,
  'users.assignJournal': usersAssignments.assignJournal,
  'users.families': families,
  'users.slips': slips,
  'audit.list': auditLog.list,
  'audit.options': auditLog.options,
  'audit.lookup': auditLog.lookup,
  'audit.export': auditExport.exportXlsx,
  'remarks.list': remarks.list,
  'remarks.create': remarks.create,
  'remarks.update': remarks.update,
  'remarks.discard': remarks.discard,
  'remarks.send': remarks.send,
  'remarks.answer': remarks.answer,
  'remarks.accept': remarks.accept,
  'remarks.reopen': remarks.reopen,
  'remarks.draftWeekly': remarks.draftWeekly,
  'corrections.list': corrections.list,
  'corrections.request': corrections.request,
  'corrections.decide': corrections.decide,
  'reports.filters': reports.filters,
  'reports.completion': reports.completion,
  'reports.keeping': reports.keeping,
  'reports.attendance': reports.attendance,
  'reports.unionAttendance': reports.unionAttendance,
  'reports.personHours': reports.personHours,
  'reports.retention': reports.retention,
  'reports.performance': reports.performance,
  'reports.forecast': reports.forecast,
  'reports.hoursSheet': reports.hoursSheet,
  'reports.stipendAttendance': reports.stipendAttendance,
  'reports.substitutions': reports.substitutions,
  'reports.start': reports.start,
  'journal.list': listJournals,
  'journal.open': journalPage.open,
  'journal.combined': journalPage.combined,
  'journal.saveCells': cells.saveCells,
  'marks.set': cells.setMark,
  'attendance.set': cells.setAttendance,
  'finals.set': finals.setFinals,
  'lessons.create': lessons.create,
  'lessons.update': lessons.update,
  'lessons.delete': lessons.remove,
  'lessons.individualHomework': lessons.individualHomework,
  'columns.add': columns.add,
  'columns.update': columns.update,
  'columns.remove': columns.remove,
  'unlocks.request': unlocks.request,
  'unlocks.list': unlocks.list,
  'unlocks.decide': unlocks.decide,
  'unlocks.changes': unlocks.changes,
  'excuses.submit': excuses.submit,
  'excuses.list': excuses.list,
  'excuses.decide': excuses.decide,
  'excuses.students': excuses.students,
  'family.page': family.page,
};
