import { useId } from 'react';
import { useI18n } from '../i18n/i18n';

export type SeriesColour = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface BarSeries {
  key: string;
  label: string;
  /** One of the chart colours in styles.css (--series-1 … --series-9). */
  colour: SeriesColour;
}

export interface BarGroup {
  id: string;
  name: string;
  total: number;
  values: Record<string, number>;
}

/**
 * Horizontal bars per group, each bar a share of the group's total. Drawn with CSS, with the
 * numbers written beside each bar, and the same figures as a table for screen readers.
 */
export function BarChart({
  title,
  totalLabel,
  series,
  groups,
}: {
  title: string;
  totalLabel: string;
  series: BarSeries[];
  groups: BarGroup[];
}) {
  const { number, percent } = useI18n();
  const id = useId();
  const max = Math.max(1, ...groups.map((g) => g.total));
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      <ul className="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <span className={`swatch series-${s.colour}`} />
            {s.label}
          </li>
        ))}
      </ul>
      <div className="chart-groups" aria-hidden="true">
        {groups.map((group) => (
          <div className="chart-group" key={group.id}>
            <p className="chart-group-name">
              {group.name}{' '}
              <span className="muted">
                ({totalLabel}: {number(group.total)})
              </span>
            </p>
            {series.map((s) => {
              const value = group.values[s.key] ?? 0;
              return (
                <div className="bar-row" key={s.key}>
                  <span className="bar-label">{s.label}</span>
                  <span className="bar-track">
                    <span
                      className={`bar series-${s.colour}`}
                      style={{ width: `${(value / max) * 100}%` }}
                    />
                  </span>
                  <span className="bar-value">
                    {number(value)}
                    {group.total > 0 && (
                      <span className="muted"> · {percent(value, group.total)}</span>
                    )}
                  </span>
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {/* Hidden by its wrapper: a table's own box does not clip its cells, which widened a phone's page. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{totalLabel}</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.id}>
                <th scope="row">{group.name}</th>
                <td>{group.total}</td>
                {series.map((s) => (
                  <td key={s.key}>{group.values[s.key] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
