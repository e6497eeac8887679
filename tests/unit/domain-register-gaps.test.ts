// The register's rule (003 §2.2): what each student's entry must hold, a representative for a minor only.
import { expect, it } from 'vitest';
import { ageOn, registerGaps, registerGapsText } from '../../electron/domain/register-gaps.js';

const full = {
  personalFileNo: 'ЛД-7',
  birthDate: '2008-12-05',
  address: 'ул. Ленина, 1',
  guardians: [{ name: 'Иванова А. П.', phone: '+7 900 1', email: null }],
  enrolmentOrderNo: '12-к',
  enrolmentOrderDate: '2026-08-25',
};

it('counts whole years: 18 on the birthday, 17 the day before', () => {
  expect(ageOn('2008-12-05', '2026-12-05')).toBe(18);
  expect(ageOn('2008-12-05', '2026-12-04')).toBe(17);
});

it('asks a representative of a minor or of an unknown age, not of an adult', () => {
  const none = { ...full, guardians: [] };
  expect(registerGaps(none, '2026-12-04').gaps).toEqual(['noGuardian']);
  expect(registerGaps(none, '2026-12-05').gaps).toEqual([]);
  expect(registerGaps({ ...none, birthDate: null }, '2026-12-05').gaps).toEqual(['birthDate', 'noGuardian']);
});

it('names the representatives without a phone and an e-mail, and blank text is missing', () => {
  const silent = {
    ...full,
    personalFileNo: '  ',
    enrolmentOrderDate: '',
    guardians: [...full.guardians, { name: 'Иванов Б. В.', phone: ' ', email: null }],
  };
  const r = registerGaps(silent, '2026-12-01');
  expect(r).toEqual({ gaps: ['personalFile', 'guardianContacts', 'enrolmentOrder'], guardianNames: ['Иванов Б. В.'] });
  expect(registerGapsText(r)).toBe(
    'не указан номер личного дела; у законного представителя нет телефона и e-mail (Иванов Б. В.); ' +
      'не указан приказ о зачислении (номер и дата)',
  );
});
