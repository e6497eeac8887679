// Backups, settings and the institution's details: the administrator's (000 §3.4.5); the details are
// readable by staff who print documents. Inputs are harmless: a copy that does not exist, a database
// location that fails its test, a stale version.
import type { AccessRules } from './types.js';
import { STAFF } from './types.js';

const MISSING_COPY = 'journal_2020-01-01_00-00-00_daily.sqlite';

export const backupRules: AccessRules = {
  'backups.list': { allowed: ['admin'], input: () => ({}) },
  'backups.create': { allowed: ['admin'], input: () => ({}) },
  'backups.inspect': { allowed: ['admin'], input: () => ({ name: MISSING_COPY }) },
  'backups.restore': { allowed: ['admin'], input: () => ({ name: MISSING_COPY, confirm: true }) },
  'settings.get': { allowed: ['admin'], input: () => ({}) },
  'settings.update': { allowed: ['admin'], input: () => ({ idleLockMinutes: 10 }) },
  'settings.checkFolder': { allowed: ['admin'], input: () => ({ path: '/nonexistent-zhurnal-folder' }) },
  'settings.testDatabase': { allowed: ['admin'], input: () => ({ url: '/nonexistent-zhurnal-folder/journal.sqlite' }) },
  'settings.setDatabase': { allowed: ['admin'], input: () => ({ url: '/nonexistent-zhurnal-folder/journal.sqlite' }) },
  'institution.get': { allowed: STAFF, input: () => ({}) },
  'institution.update': {
    allowed: ['admin'],
    input: () => ({
      version: 9999,
      fullName: 'X',
      shortName: 'X',
      address: '',
      directorName: 'X',
      signatures: { directorPosition: 'Директор', deputies: [], secretaryPosition: 'Секретарь', secretaryName: '' },
    }),
  },
};
