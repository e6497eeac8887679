// What a group's register (реестр) must hold for each student on its roster (003 §2.2: department heads check
// that curators fill the registers): the personal file number, the birth date and the address; a legal
// representative for a minor, each representative with a phone or an e-mail; the order of enrolment.
// One rule, read by the completeness view, its printed list and the tests.

export const REGISTER_GAPS = [
  'personalFile',
  'birthDate',
  'address',
  'noGuardian',
  'guardianContacts',
  'enrolmentOrder',
] as const;
export type RegisterGap = (typeof REGISTER_GAPS)[number];

/** Short column titles («нет …») and the sentence of the printed list. */
export const REGISTER_GAP_LABELS: Record<RegisterGap, { short: string; text: string }> = {
  personalFile: { short: 'Личное дело', text: 'не указан номер личного дела' },
  birthDate: { short: 'Дата рождения', text: 'не указана дата рождения' },
  address: { short: 'Адрес', text: 'не указан адрес' },
  noGuardian: { short: 'Законный представитель', text: 'несовершеннолетний: не указан законный представитель' },
  guardianContacts: { short: 'Контакты представителя', text: 'у законного представителя нет телефона и e-mail' },
  enrolmentOrder: { short: 'Приказ о зачислении', text: 'не указан приказ о зачислении (номер и дата)' },
};

export interface RegisterFacts {
  personalFileNo: string | null;
  birthDate: string | null;
  address: string | null;
  guardians: Array<{ name: string; phone: string | null; email: string | null }>;
  enrolmentOrderNo: string | null;
  enrolmentOrderDate: string | null;
}

const blank = (v: string | null | undefined) => v === null || v === undefined || v.trim() === '';

/** Age in whole years on a day (ISO dates). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The gaps of one student's register entry on a day. A representative is required while the student is a minor —
 * or while the birth date is unknown, as the register cannot tell; a representative without a phone and an e-mail
 * is named in `guardianNames`.
 */
export function registerGaps(f: RegisterFacts, day: string): { gaps: RegisterGap[]; guardianNames: string[] } {
  const gaps: RegisterGap[] = [];
  if (blank(f.personalFileNo)) gaps.push('personalFile');
  if (blank(f.birthDate)) gaps.push('birthDate');
  if (blank(f.address)) gaps.push('address');
  const minor = blank(f.birthDate) || ageOn(f.birthDate!, day) < 18;
  if (minor && f.guardians.length === 0) gaps.push('noGuardian');
  const silent = f.guardians.filter((g) => blank(g.phone) && blank(g.email)).map((g) => g.name);
  if (silent.length > 0) gaps.push('guardianContacts');
  if (blank(f.enrolmentOrderNo) || blank(f.enrolmentOrderDate)) gaps.push('enrolmentOrder');
  return { gaps, guardianNames: silent };
}

/** «не указан адрес; у законного представителя нет телефона и e-mail (Иванова А. П.)» — one student's line. */
export function registerGapsText(row: { gaps: readonly RegisterGap[]; guardianNames: readonly string[] }): string {
  return row.gaps
    .map((g) =>
      g === 'guardianContacts'
        ? `${REGISTER_GAP_LABELS[g].text} (${row.guardianNames.join(', ')})`
        : REGISTER_GAP_LABELS[g].text,
    )
    .join('; ');
}
