import { DEMO_PASSWORD, demoLogins, type DemoCounts } from '../../db/demo/index.js';
import { flagNumber, flagString } from '../args.js';
import { wordsOf, type Words } from '../domain/vocabulary.js';
import { CliError, requireFlag, type CliCommand } from './command.js';
import { buildDemo, DemoBuildError } from './demo-build.js';

/** What was made, counted in the words of the institution made (DESIGN.md §10). */
const labels = (w: Words): Record<string, string> => ({
  departments: w.term('department', 'gen', 'many'),
  groups: `${w.term('group', 'gen', 'many')} (за два года)`,
  teachers: w.term('teacher', 'gen', 'many'),
  students: 'обучающихся',
  parents: 'законных представителей',
  users: 'пользователей',
  subjects: w.kind === 'college' ? 'дисциплин, МДК, ПМ' : w.term('subject', 'gen', 'many'),
  journals: 'журналов (за два года)',
  planTopics: 'тем КТП',
  timetableEntries: 'строк расписания',
  lessons: 'занятий',
  marks: 'отметок',
  attendance: 'отметок посещаемости',
  finalMarks: 'итоговых отметок',
  remarks: 'замечаний',
  enrolmentOrders: 'записей приказов о зачислении',
});

export const demoDataCommand: CliCommand = {
  name: 'demo-data',
  options: { db: 'string', students: 'string', groups: 'string', teachers: 'string', seed: 'string', kind: 'string' },
  usage:
    'demo-data --db FILE [--students N] [--groups N] [--teachers N] [--seed S] [--kind college|supplementary] ' +
    '[--today YYYY-MM-DD]',
  summary: 'заполнить пустую базу демонстрационной организацией (детерминированно по --seed)',
  async run(_positional, flags) {
    const db = requireFlag(flags, 'db', 'файл базы данных');
    const kind = typeof flags.kind === 'string' ? flags.kind : 'college';
    if (kind !== 'college' && kind !== 'supplementary') throw new CliError('--kind: college или supplementary');
    const started = Date.now();
    let counts: DemoCounts;
    try {
      counts = await buildDemo(db, {
        seed: flagNumber(flags, 'seed') ?? 1,
        students: flagNumber(flags, 'students'),
        groups: flagNumber(flags, 'groups'),
        teachers: flagNumber(flags, 'teachers'),
        today: flagString(flags, 'today'),
        kind,
        onProgress: (step) => console.log(`  ${step}`),
      });
    } catch (error) {
      if (error instanceof DemoBuildError) throw new CliError(error.message);
      throw error;
    }
    console.log(`Создано за ${((Date.now() - started) / 1000).toFixed(1)} с:`);
    const names = labels(wordsOf(kind));
    for (const [key, value] of Object.entries(counts)) console.log(`  ${(names[key] ?? key).padEnd(34)} ${value}`);
    console.log(`Демо-входы, пароль ${DEMO_PASSWORD}:`);
    for (const l of demoLogins(wordsOf(kind))) console.log(`  ${l.login.padEnd(10)} ${l.who}`);
    return 0;
  },
};
