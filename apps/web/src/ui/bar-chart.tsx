import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import { CountPlace, useCountText } from './withheld-count';

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
  /** null: withheld (a count of 1 to 4 people); no shares are shown then. */
  total: number | null;
  /**
   * A total over the other groups: a withheld figure of it may be large (it is withheld so
   * that a small one cannot be worked out), so it is written "skjult" and drawn as no bar.
   */
  summary?: boolean;
  /** null: withheld, drawn as a hatched band below 5 and written "<5", never as a number. */
  values: Record<string, number | null>;
}

const place = (group: BarGroup): CountPlace => (group.summary ? 'total' : 'group');

/** A withheld count lies between 1 and 4: its band reaches to just below 5. */
const WITHHELD_BELOW = 5;

/**
 * Horizontal bars per group, each bar a share of the group's total. Drawn with CSS, with the
 * numbers written beside each bar, and the same figures as a table for screen readers. A
 * withheld count is a hatched band up to 5 with "<5" beside it.
 */
export function BarChart({
  title,
  totalLabel,
  series,
  groups,
  tableBeside = false,
}: {
  title: string;
  /**
   * The page shows the same figures in a table of its own next to the chart: screen readers
   * are sent there instead of reading them twice (and no hidden copy is laid out on a phone).
   */
  tableBeside?: boolean;
  /** Without it, the groups have no total (each bar is set beside the largest figure). */
  totalLabel?: string;
  series: BarSeries[];
  groups: BarGroup[];
}) {
  const { t, percent } = useI18n();
  const countText = useCountText();
  const id = useId();
  const max = Math.max(
    1,
    ...groups.flatMap((g) => [g.total ?? 0, ...Object.values(g.values).map((v) => v ?? 0)]),
  );
  const anyWithheld = groups.some((g) => !g.summary && Object.values(g.values).includes(null));
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
        {anyWithheld && (
          <li>
            <span className="swatch withheld" />
            {t('chart.withheld')}
          </li>
        )}
      </ul>
      <div className="chart-groups" aria-hidden="true">
        {groups.map((group) => (
          <div className="chart-group" key={group.id}>
            <p className="chart-group-name">
              {group.name}{' '}
              {totalLabel && (
                <span className="muted">
                  ({totalLabel}: {countText(group.total, place(group))})
                </span>
              )}
            </p>
            {series.map((s) => {
              const value = s.key in group.values ? group.values[s.key] : 0;
              const withheld = value === null;
              const drawn = withheld ? (group.summary ? 0 : WITHHELD_BELOW) : value;
              const width = (drawn / max) * 100;
              return (
                <div className="bar-row" key={s.key}>
                  <span className="bar-label">{s.label}</span>
                  <span className="bar-track">
                    <span
                      className={`bar series-${s.colour}${withheld ? ' withheld' : ''}`}
                      style={{ width: `${Math.min(100, width)}%` }}
                    />
                  </span>
                  <span className="bar-value">
                    {countText(value, place(group))}
                    {value !== null && group.total !== null && group.total > 0 && (
                      <span className="muted"> · {percent(value, group.total)}</span>
                    )}
                  </span>
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {tableBeside ? (
        <p className="visually-hidden">{t('chart.tableBeside')}</p>
      ) : (
        <HiddenTable title={title} totalLabel={totalLabel} series={series} groups={groups} />
      )}
    </figure>
  );
}

/** The chart's figures as a table, for screen readers alone. */
function HiddenTable({
  title,
  totalLabel,
  series,
  groups,
}: {
  title: string;
  totalLabel?: string;
  series: BarSeries[];
  groups: BarGroup[];
}) {
  const countText = useCountText();
  // Hidden by its wrapper: a table's own box does not clip its cells, which widened a phone's page.
  return (
    <div className="visually-hidden">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {totalLabel && <th scope="col">{totalLabel}</th>}
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
              {totalLabel && <td>{countText(group.total, place(group))}</td>}
              {series.map((s) => (
                <td key={s.key}>
                  {countText(s.key in group.values ? group.values[s.key] : 0, place(group))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
