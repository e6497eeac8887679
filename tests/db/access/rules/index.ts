// Every domain's rules. A method of the contract without a rule here fails the matrix test.
import { coreRules } from './core.js';
import { archiveRules } from './archive.js';
import { yearRules } from './year.js';
import { backupRules } from './backups.js';
import { userRules } from './users.js';
import { auditRules } from './audit.js';
import { reportRules } from './reports.js';
import { journalRules } from './journal.js';
import { timetableChangeRules } from './timetable-changes.js';
import { copyRules, registerRules } from './registers.js';
import { assessmentRules } from './assessments.js';
import { mailRules } from './mail.js';
import type { AccessRules } from './types.js';

export const rules: AccessRules = {
  ...coreRules,
  ...archiveRules,
  ...yearRules,
  ...backupRules,
  ...userRules,
  ...auditRules,
  ...reportRules,
  ...journalRules,
  ...timetableChangeRules,
  ...registerRules,
  ...copyRules,
  ...assessmentRules,
  ...mailRules,
};
