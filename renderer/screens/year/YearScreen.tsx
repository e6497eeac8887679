// Opening the academic year (003 §3.2): a wizard of steps the administrator can take in order or
// jump between — the year and its periods, groups, subjects, staff, the load, students, bells and
// the timetable — ending with a check of what is still missing.
import type { Me, YearInfo } from '../../../electron/api/contract';
import { navigate, queryParam, usePath } from '../../app/router';
import { ErrorBanner, Loading } from '../../components/ui';
import { YEAR_STATUS_LABELS } from '../../../electron/domain/labels';
import { StepCheck } from './StepCheck';
import { StepGroups } from './StepGroups';
import { StepLoad } from './StepLoad';
import { StepPeople } from './StepPeople';
import { StepRegime } from './StepRegime';
import { StepSubjects } from './StepSubjects';
import { StepYear } from './StepYear';
import { useYears } from './useYears';
import { kindWords } from './words';

export interface StepProps {
  year: YearInfo;
  me: Me;
  reloadYears: () => Promise<unknown>;
}

const stepsFor = (w: ReturnType<typeof kindWords>) => [
  { key: 'year', title: 'Год и периоды' },
  { key: 'groups', title: w.deptsAndGroups },
  { key: 'subjects', title: w.subjects },
  { key: 'staff', title: 'Сотрудники' },
  { key: 'load', title: 'Нагрузка и планы' },
  { key: 'students', title: 'Обучающиеся' },
  { key: 'regime', title: 'Звонки и расписание' },
  { key: 'check', title: 'Проверка' },
];

export function YearScreen({ me }: { me: Me }) {
  usePath();
  const STEPS = stepsFor(kindWords(me.institution?.kind));
  const { years, year, setYearId, reload, error } = useYears();
  const step = STEPS.find((s) => s.key === queryParam('step'))?.key ?? 'year';
  if (!years) return error ? <ErrorBanner error={error} /> : <Loading />;
  const go = (key: string) => navigate(`/year?step=${key}`);
  const index = STEPS.findIndex((s) => s.key === step);
  const readOnly = year?.status !== 'open';

  return (
    <div className="page">
      <div className="page-head">
        <h1>Учебный год{year ? ` ${year.title}` : ''}</h1>
        {years.length > 1 && (
          <label className="filter">
            Год
            <select aria-label="Учебный год" value={year?.id ?? ''} onChange={(e) => setYearId(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y.id} value={y.id}>
                  {y.title} ({YEAR_STATUS_LABELS[y.status]})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {year && readOnly && (
        <div className="banner banner-warn">
          Учебный год {year.title} {YEAR_STATUS_LABELS[year.status]}: всё доступно только для просмотра.
        </div>
      )}
      <nav className="wizard-steps" aria-label="Шаги открытия года">
        {STEPS.map((s, i) => (
          <button
            key={s.key}
            type="button"
            className={s.key === step ? 'active' : ''}
            aria-current={s.key === step ? 'step' : undefined}
            disabled={!year && s.key !== 'year'}
            onClick={() => go(s.key)}
          >
            <span className="step-no">{i + 1}</span> {s.title}
          </button>
        ))}
      </nav>
      {step === 'year' || !year ? (
        <StepYear
          year={year}
          years={years}
          me={me}
          onCreated={async (y) => {
            await reload();
            setYearId(y.id);
          }}
          reloadYears={reload}
        />
      ) : step === 'groups' ? (
        <StepGroups year={year} me={me} reloadYears={reload} />
      ) : step === 'subjects' ? (
        <StepSubjects year={year} me={me} reloadYears={reload} />
      ) : step === 'staff' ? (
        <StepPeople kind="staff" year={year} me={me} reloadYears={reload} />
      ) : step === 'load' ? (
        <StepLoad year={year} me={me} reloadYears={reload} />
      ) : step === 'students' ? (
        <StepPeople kind="students" year={year} me={me} reloadYears={reload} />
      ) : step === 'regime' ? (
        <StepRegime year={year} me={me} reloadYears={reload} />
      ) : (
        <StepCheck year={year} me={me} reloadYears={reload} />
      )}
      {year && (
        <div className="wizard-nav">
          {index > 0 && (
            <button type="button" className="btn btn-secondary" onClick={() => go(STEPS[index - 1]!.key)}>
              ← {STEPS[index - 1]!.title}
            </button>
          )}
          {index < STEPS.length - 1 && (
            <button type="button" className="btn btn-primary" onClick={() => go(STEPS[index + 1]!.key)}>
              Далее: {STEPS[index + 1]!.title} →
            </button>
          )}
        </div>
      )}
    </div>
  );
}
