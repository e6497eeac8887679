// Report charts (recharts): attendance by week, the distribution of marks, completion by department.
import { useWords } from '../../components/words';
import type { ReactElement } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AttendanceWeek, CompletionGroup, MarkDistribution } from '../../../electron/api/contract';
import { ruDate } from '../../../electron/domain/format-dates';
import { dec, pct } from '../../../electron/domain/format-numbers';

const BLUE = '#1f5fa8';
const RED = '#b3261e';
const AMBER = '#d99a00';
const GREEN = '#1e7b46';
const GREY = '#8a97a6';

function Figure({ title, children, summary }: { title: string; children: ReactElement; summary: string }) {
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div className="chart-area">
        <ResponsiveContainer width="100%" height={240}>
          {children}
        </ResponsiveContainer>
      </div>
      <p className="sr-only">{summary}</p>
    </figure>
  );
}

export function AttendanceByWeek({ weeks }: { weeks: AttendanceWeek[] }) {
  const data = weeks.map((w) => ({
    week: ruDate(w.weekStart).slice(0, 5),
    valid: w.validHours,
    invalid: w.invalidHours,
    presence: w.presence === null ? null : Math.round(w.presence * 1000) / 10,
  }));
  return (
    <Figure
      title="Посещаемость по неделям"
      summary={weeks
        .map((w) => `неделя с ${ruDate(w.weekStart)}: пропущено ${w.missedHours} ч, посещаемость ${pct(w.presence)}`)
        .join('; ')}
    >
      <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
        <XAxis dataKey="week" fontSize={12} />
        <YAxis
          yAxisId="h"
          fontSize={12}
          label={{ value: 'пропущено, ч', angle: -90, position: 'insideLeft', fontSize: 11 }}
        />
        <YAxis yAxisId="p" orientation="right" domain={[50, 100]} fontSize={12} unit=" %" />
        <Tooltip formatter={(v, name) => (name === 'Посещаемость' ? `${dec(Number(v), 1)} %` : `${v} ч`)} />
        <Legend />
        <Bar
          yAxisId="h"
          dataKey="valid"
          name="По уважительной причине"
          stackId="m"
          fill={AMBER}
          isAnimationActive={false}
        />
        <Bar
          yAxisId="h"
          dataKey="invalid"
          name="Без уважительной причины"
          stackId="m"
          fill={RED}
          isAnimationActive={false}
        />
        <Line
          yAxisId="p"
          dataKey="presence"
          name="Посещаемость"
          stroke={BLUE}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </Figure>
  );
}

export function MarksDistribution({ distribution }: { distribution: MarkDistribution }) {
  const data = (['5', '4', '3', '2'] as const).map((mark) => ({ mark: `«${mark}»`, count: distribution[mark] }));
  const credit = distribution['зач'] + distribution['незач'];
  if (credit > 0)
    data.push({ mark: 'зач.', count: distribution['зач'] }, { mark: 'незач.', count: distribution['незач'] });
  const colors: Record<string, string> = {
    '«5»': GREEN,
    '«4»': BLUE,
    '«3»': AMBER,
    '«2»': RED,
    'зач.': GREEN,
    'незач.': RED,
  };
  return (
    <Figure title="Распределение отметок" summary={data.map((d) => `${d.mark}: ${d.count}`).join(', ')}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
        <XAxis dataKey="mark" fontSize={12} />
        <YAxis fontSize={12} allowDecimals={false} />
        <Tooltip formatter={(v) => [`${v}`, 'Отметок']} />
        <Bar
          dataKey="count"
          name="Отметок"
          isAnimationActive={false}
          shape={(props: any) => (
            <rect
              x={props.x}
              y={props.y}
              width={props.width}
              height={props.height}
              fill={colors[props.payload.mark] ?? GREY}
            />
          )}
        />
      </BarChart>
    </Figure>
  );
}

export function CompletionByDepartment({
  departments,
  withExpected = true,
}: {
  departments: Array<Omit<CompletionGroup, 'expectedHours'> & { expectedHours?: number }>;
  withExpected?: boolean;
}) {
  const w = useWords();
  const data = departments.map((d) => ({
    name: d.name,
    done: d.done === null ? 0 : Math.round(d.done * 1000) / 10,
    expected: d.plannedTotal > 0 ? Math.round(((d.expectedHours ?? 0) / d.plannedTotal) * 1000) / 10 : 0,
  }));
  return (
    <Figure
      title={`Выполнение программ по ${w.term('department', 'dat', 'many')}`}
      summary={departments.map((d) => `${d.name}: выполнено ${pct(d.done)}`).join('; ')}
    >
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
        <XAxis dataKey="name" fontSize={12} />
        <YAxis fontSize={12} unit=" %" domain={[0, 100]} />
        <Tooltip formatter={(v) => `${dec(Number(v), 1)} %`} />
        <Legend />
        <Bar dataKey="done" name="Проведено от плана" fill={BLUE} isAnimationActive={false} />
        {withExpected && (
          <Bar dataKey="expected" name="Должно быть по календарю" fill={GREY} isAnimationActive={false} />
        )}
      </BarChart>
    </Figure>
  );
}
