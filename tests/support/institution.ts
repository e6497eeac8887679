// A minimal initialised institution (one admin) for tests that don't need the demo college.
import type { JournalDb } from '../../db/connect.js';
import { createInstitution } from '../../electron/services/setup.js';

export const ADMIN = { login: 'admin', password: 'Adm1nPassw0rd' };

export async function seedInstitution(
  handle: JournalDb,
  options: { mustChange?: boolean; kind?: 'college' | 'supplementary' } = {},
): Promise<number> {
  return createInstitution(handle.db, new Date('2026-11-25T09:00:00Z'), {
    fullName: 'ГБПОУ «Южноуральский энергетический техникум»',
    shortName: 'ГБПОУ ЮЭТ',
    kind: options.kind ?? 'college',
    directorName: 'Тучин Виктор Михайлович',
    admin: {
      login: ADMIN.login,
      lastName: 'Петрова',
      firstName: 'Анна',
      middleName: 'Сергеевна',
      password: ADMIN.password,
      mustChange: options.mustChange ?? false,
    },
  });
}
