// The subject catalogue from Excel: code, name, kind (taken from the code when empty) and the
// professional module a МДК or practice belongs to — in the same file or already in the catalogue.
import type { SubjectKind } from '../../../../db/schema.js';
import { SUBJECT_KIND_LABELS, codeProblem, normalizeCode, parentProblem } from '../codes.js';
import { cleanName } from '../common.js';
import type { Words } from '../../../domain/vocabulary.js';
import { institutionWords } from '../../words.js';
import type { Row } from './cells.js';
import type { Checked, Importer } from './framework.js';

export interface SubjectRow {
  code: string | null;
  name: string;
  kind: SubjectKind;
  parentCode: string | null;
  parentName: string | null;
  parentId: number | null;
}

interface Context {
  existing: Array<{ id: number; code: string | null; name: string; kind: SubjectKind }>;
  words: Words;
}

const KIND_WORDS: Array<[RegExp, SubjectKind]> = [
  [/^(дисц|уд|оп\b|общеобраз|предмет)/, 'discipline'],
  [/^(мдк|междисц)/, 'mdk'],
  [/^(пм|проф.*модул|модул)/, 'pm'],
  [/^(практ|уп|пп)/, 'practice'],
  [/^(прогр|доп|дооп|объедин)/, 'programme'],
];

export function kindFromCode(code: string | null): SubjectKind {
  if (!code) return 'discipline';
  if (code.startsWith('МДК.')) return 'mdk';
  if (code.startsWith('ПМ.')) return 'pm';
  if (/^(УП|ПП|ПДП)\./.test(code)) return 'practice';
  return 'discipline';
}

/** «ПМ.01» or «ПМ.01 Обслуживание…» → the module's code and, if given, its name. */
function parentRef(text: string | null): { code: string | null; name: string | null } {
  if (!text) return { code: null, name: null };
  const m = /^\s*([^\s]+)\s*(.*)$/.exec(text)!;
  return { code: normalizeCode(m[1]!), name: m[2] ? cleanName(m[2]) : null };
}

function resolveParent(
  ref: { code: string | null; name: string | null },
  c: Context,
  earlier: Array<Checked<SubjectRow>>,
): { id: number | null; inFile: boolean; problem: string | null } {
  const sameName = (n: string) => !ref.name || n.toLowerCase() === ref.name.toLowerCase();
  const inFile = earlier.filter((e) => e.value.kind === 'pm' && e.value.code === ref.code && sameName(e.value.name));
  const inDb = c.existing.filter((s) => s.kind === 'pm' && s.code === ref.code && sameName(s.name));
  if (inFile.length === 1) return { id: null, inFile: true, problem: null };
  if (inFile.length === 0 && inDb.length === 1) return { id: inDb[0]!.id, inFile: false, problem: null };
  if (inFile.length + inDb.length === 0)
    return {
      id: null,
      inFile: false,
      problem: `модуля ${ref.code}${ref.name ? ` «${ref.name}»` : ''} нет ни в файле (выше), ни в справочнике`,
    };
  return {
    id: null,
    inFile: false,
    problem: `модулей ${ref.code} несколько: укажите «${ref.code} Наименование модуля»`,
  };
}

export const subjectImporter: Importer<Context, SubjectRow> = {
  list: 'subjects',
  genitive: (w) => w.term('subject', 'gen', 'many'),
  localize: (w) =>
    w.kind === 'college'
      ? {}
      : {
          code: { hint: 'если есть; можно пусто', example: null },
          name: { example: w.kind === 'school' ? 'Математика' : 'Изобразительное искусство' },
          kind: { hint: `если пусто — ${w.kind === 'school' ? 'предмет' : 'программа'}`, example: null },
          parent: { hint: 'не заполняется', example: null },
        },
  columns: [
    {
      key: 'code',
      header: 'Код',
      hint: 'ОП.01, МДК.01.01, ПМ.01, УП.01; у школьных предметов и программ можно пусто',
      example: 'МДК.01.01',
      width: 12,
    },
    {
      key: 'name',
      header: 'Наименование',
      required: true,
      hint: 'обязательно',
      example: 'Устройство и техническое обслуживание электрооборудования',
      width: 50,
    },
    {
      key: 'kind',
      header: 'Вид',
      hint: 'дисциплина, МДК, ПМ, практика, программа; если пусто — по коду',
      example: 'МДК',
      width: 14,
    },
    {
      key: 'parent',
      header: 'Входит в модуль',
      hint: 'код ПМ для МДК и практик (ПМ.01)',
      example: 'ПМ.01',
      width: 16,
    },
  ],

  async prepare(env) {
    return {
      existing: await env.db.selectFrom('subjects').select(['id', 'code', 'name', 'kind']).execute(),
      words: await institutionWords(env.db),
    };
  },

  check(row: Row, c, earlier) {
    const codeText = row.text('code', { max: 30 });
    const code = normalizeCode(codeText);
    const nameText = row.text('name', { required: 'не указано наименование', max: 300 });
    const name = nameText ? cleanName(nameText) : null;
    const kindText = row.text('kind', { max: 40 });
    // A centre's subjects are its programmes.
    let kind: SubjectKind = c.words.kind === 'supplementary' && !code ? 'programme' : kindFromCode(code);
    if (kindText) {
      const hit = KIND_WORDS.find(([re]) => re.test(kindText.toLowerCase()));
      if (!hit) row.problem('kind', `вид «${kindText}» неизвестен: дисциплина, МДК, ПМ, практика или программа`);
      else kind = hit[1];
    }
    const codeIssue = codeProblem(kind, code, c.words.term('subject', 'gen'));
    if (codeIssue) row.problem('code', codeIssue);
    const ref = parentRef(row.text('parent', { max: 300 }));
    let parentId: number | null = null;
    if (ref.code) {
      const found = resolveParent(ref, c, earlier);
      if (found.problem) row.problem('parent', found.problem);
      else {
        parentId = found.id;
        const issue = parentProblem(kind, code, { kind: 'pm', code: ref.code });
        if (issue) row.problem('parent', issue);
      }
    } else if (kind === 'mdk') {
      const auto = code ? `ПМ.${code.slice(4, 6)}` : null;
      const found = auto ? resolveParent({ code: auto, name: null }, c, earlier) : null;
      if (!found || found.problem)
        row.problem(
          'parent',
          `МДК должен входить в профессиональный модуль: укажите его${auto ? ` (${auto})` : ''}`,
          'Входит в модуль',
        );
      else {
        ref.code = auto;
        parentId = found.id;
      }
    }
    if (!name) return null;
    const twin = earlier.find((e) => e.value.code === code && e.value.name.toLowerCase() === name.toLowerCase());
    if (twin) row.problem(null, `повтор: ${code ?? ''} «${name}» уже есть в строке ${twin.row}`);
    const known = c.existing.find((s) => s.code === code && s.name.toLowerCase() === name.toLowerCase());
    if (known)
      row.problem(
        null,
        `${code ? `${code} ` : ''}«${name}» уже есть в справочнике (${SUBJECT_KIND_LABELS[known.kind]})`,
      );
    if (row.problems.length > 0) return null;
    return { code, name, kind, parentCode: ref.code, parentName: ref.name, parentId };
  },

  async write(trx, _env, _c, items) {
    const ids: number[] = [];
    const created = new Map<string, number>();
    // Modules first, so that their МДК and practices can point at them.
    const ordered = [...items].sort(
      (a, b) => Number(b.value.kind === 'pm') - Number(a.value.kind === 'pm') || a.row - b.row,
    );
    for (const { value: s } of ordered) {
      let parentId = s.parentId;
      if (parentId === null && s.parentCode) {
        parentId =
          [...created.entries()].find(
            ([k]) =>
              k.startsWith(`${s.parentCode}|`) &&
              (!s.parentName || k === `${s.parentCode}|${s.parentName.toLowerCase()}`),
          )?.[1] ?? null;
      }
      const row = await trx
        .insertInto('subjects')
        .values({ code: s.code, name: s.name, kind: s.kind, parent_id: parentId })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (s.kind === 'pm') created.set(`${s.code}|${s.name.toLowerCase()}`, row.id);
      ids.push(row.id);
    }
    return { created: items.length, updated: 0, ids };
  },
};
