import type { AccessRules } from './types.js';

export const coreRules: AccessRules = {
  'setup.status': { allowed: 'everyone', input: () => ({}) },
  'setup.initialize': {
    // Public, but refused with «conflict» once the database is set up: never «forbidden».
    allowed: 'everyone',
    input: () => ({
      fullName: 'X',
      shortName: 'X',
      kind: 'college',
      directorName: 'X',
      admin: { login: 'zzz', lastName: 'X', firstName: 'X', password: 'Parol2026x', passwordRepeat: 'Parol2026x' },
    }),
  },
  // The other first-run methods: likewise «conflict» on a database that is set up.
  'setup.checkDatabase': { allowed: 'everyone', input: () => ({ url: 'postgres://x@127.0.0.1:1/x' }) },
  'setup.connectDatabase': { allowed: 'everyone', input: () => ({ url: 'postgres://x@127.0.0.1:1/x' }) },
  'setup.restore': { allowed: 'everyone', input: () => ({ fileName: 'x.sqlite', data: 'eA==' }) },
  'auth.login': { allowed: 'everyone', input: () => ({ login: 'student', password: 'demo12345' }) },
  'auth.logout': { allowed: 'everyone', input: () => ({}) },
  'auth.me': { allowed: 'everyone', input: () => ({}) },
  'auth.changePassword': { allowed: 'everyone', input: () => ({ current: 'demo12345', next: 'demo12345' }) },
  'auth.lock': { allowed: 'everyone', input: () => ({}) },
  'auth.unlock': { allowed: 'everyone', input: () => ({ password: 'demo12345' }) },
  'home.summary': { allowed: 'everyone', input: () => ({}) },
  // A job id nobody started: «not_found» for everyone, never a role refusal.
  'jobs.status': { allowed: 'everyone', input: () => ({ id: 'none' }) },
  'jobs.cancel': { allowed: 'everyone', input: () => ({ id: 'none' }) },
};
