// Subject codes of the ФГОС СПО curriculum, checked against the subject's kind: ОП.01 and the
// like for a discipline, ПМ.01 for a module, МДК.01.01 inside ПМ.01, УП.01 / ПП.01.01 for practice.
import type { SubjectKind } from '../../../db/schema.js';

export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = {
  discipline: 'дисциплина',
  mdk: 'МДК',
  pm: 'профессиональный модуль',
  practice: 'практика',
  programme: 'программа',
};

const LATIN_LOOKALIKES: Record<string, string> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
  Y: 'У',
};

/** «оп 01», «OП,01» (Latin O) → «ОП.01»: as people type codes in Excel. */
export function normalizeCode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let code = raw.normalize('NFC').trim().toUpperCase().replace(/\s+/g, '').replace(/,/g, '.');
  if (code === '') return null;
  const m = /^([A-ZА-ЯЁ]+)(.*)$/.exec(code);
  // A Latin letter that looks Cyrillic (O in «OП») is taken for the Cyrillic one, if all of them do.
  if (m && /[A-Z]/.test(m[1]!) && [...m[1]!].every((ch) => !/[A-Z]/.test(ch) || ch in LATIN_LOOKALIKES)) {
    code = [...m[1]!].map((ch) => LATIN_LOOKALIKES[ch] ?? ch).join('') + m[2]!;
  }
  // «ОП01» → «ОП.01»
  code = code.replace(/^([А-ЯЁ]+)(\d)/, '$1.$2');
  return code;
}

const RESERVED = /^(МДК|ПМ|УП|ПП|ПДП)\./;

/**
 * Why a code does not fit the kind (a Russian sentence), or null when it does. `subjectGen` names a plain
 * subject in the institution's words: «дисциплины», «предмета», «программы».
 */
export function codeProblem(kind: SubjectKind, code: string | null, subjectGen = 'дисциплины'): string | null {
  switch (kind) {
    case 'discipline':
      if (code === null) return null;
      if (RESERVED.test(code))
        return (
          `код ${code} — это код ` +
          `${code.startsWith('МДК') ? 'МДК' : code.startsWith('ПМ') ? 'профессионального модуля' : 'практики'}, а ` +
          `не ${subjectGen}`
        );
      return /^[А-ЯЁ]{1,5}\.\d{1,2}(\.\d{1,2})?$/.test(code)
        ? null
        : `код ${subjectGen} «${code}» не по образцу ОП.01, ОГСЭ.03, ОУД.04`;
    case 'pm':
      if (code === null) return 'у профессионального модуля должен быть код (ПМ.01)';
      return /^ПМ\.\d{2}$/.test(code) ? null : `код профессионального модуля «${code}» не по образцу ПМ.01`;
    case 'mdk':
      if (code === null) return 'у МДК должен быть код (МДК.01.01)';
      return /^МДК\.\d{2}\.\d{2}$/.test(code) ? null : `код МДК «${code}» не по образцу МДК.01.01`;
    case 'practice':
      if (code === null) return 'у практики должен быть код (УП.01 или ПП.01.01)';
      return /^(УП|ПП|ПДП)\.\d{2}(\.\d{2})?$/.test(code)
        ? null
        : `код практики «${code}» не по образцу УП.01, ПП.01.01`;
    case 'programme':
      return null;
  }
}

/** The module number a МДК or practice code refers to («01» of МДК.01.02), or null. */
export function moduleNumber(code: string | null): string | null {
  const m = /^(?:МДК|УП|ПП)\.(\d{2})/.exec(code ?? '');
  return m ? m[1]! : null;
}

/** Why the parent does not fit, or null. A МДК must be inside a ПМ with the same number. */
export function parentProblem(
  kind: SubjectKind,
  code: string | null,
  parent: { kind: SubjectKind; code: string | null } | null,
): string | null {
  if (kind === 'mdk' && !parent) return 'МДК должен входить в профессиональный модуль (ПМ)';
  if (!parent) return null;
  if (kind !== 'mdk' && kind !== 'practice') return `${SUBJECT_KIND_LABELS[kind]} не входит в профессиональный модуль`;
  if (parent.kind !== 'pm') return 'входить можно только в профессиональный модуль (ПМ)';
  const n = moduleNumber(code);
  const p = /^ПМ\.(\d{2})$/.exec(parent.code ?? '')?.[1];
  if (n && p && n !== p) return `${code} не может входить в ${parent.code}: номер модуля в коде — ${n}`;
  return null;
}
