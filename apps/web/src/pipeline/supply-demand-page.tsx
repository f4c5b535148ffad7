import { useState } from 'react';
import { api, read } from '../api/client';
import type { SchoolTransitions, SupplyDemand } from '../api/types';
import { useMe } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { BarChart, BarSeries } from '../ui/bar-chart';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading } from '../ui/messages';
import { Page, Section } from '../ui/page';
import { TableRegion } from '../ui/table-region';
import { useLoad } from '../ui/use-load';
import { useCountText } from '../ui/withheld-count';
import { YearSelect } from '../ui/year-select';

const THIS_YEAR = new Date().getFullYear();
// Three years back, to set what was needed beside what came of it (the pipeline's cohorts).
const YEARS = Array.from({ length: 8 }, (_, i) => THIS_YEAR - 3 + i);

/**
 * Hiring needs declared vs students finishing vs interns placed, per programme, for the
 * caller's scope (the api decides: the alliance, the school or the organisation). Counts of 1
 * to 4 people come as null and are shown as "<5", in the table and the files (CSV, Excel) alike.
 */
export function SupplyDemandPage() {
  const { t, number } = useI18n();
  const [year, setYear] = useState(THIS_YEAR);
  const report = useLoad(
    () =>
      read<SupplyDemand>(api.GET('/api/reports/supply-demand', { params: { query: { year } } })),
    [year],
  );
  const cell = useCountText();

  const series: BarSeries[] = [
    { key: 'hiringNeeds', label: t('pipeline.hiringNeeds'), colour: 5 },
    { key: 'finishing', label: t('pipeline.finishing'), colour: 2 },
    { key: 'placed', label: t('pipeline.placed'), colour: 3 },
  ];

  const data = report.data?.year === year ? report.data : undefined;
  return (
    <Page title={t('pipeline.supplyDemandTitle')} intro={t('pipeline.supplyDemandIntro')}>
      <form className="filters card" onSubmit={(e) => e.preventDefault()}>
        <YearSelect label={t('pipeline.year')} years={YEARS} value={year} onChange={setYear} />
        <DownloadButtons
          disabled={!data}
          load={(format) =>
            api.GET('/api/reports/supply-demand', {
              params: { query: { year, format } },
              parseAs: 'blob',
            })
          }
        />
      </form>
      {report.loading && !data && <Loading />}
      <ErrorMessage error={report.error} />
      {data && (
        <BarChart
          tableBeside
          title={t('pipeline.supplyDemandChart', { year })}
          series={series}
          groups={data.items.map((row) => ({
            id: row.programme.id,
            name: `${row.programme.name} (${row.school.name})`,
            total: null,
            values: { hiringNeeds: row.hiringNeeds, finishing: row.finishing, placed: row.placed },
          }))}
        />
      )}
      {data && (
        <TableRegion label={t('pipeline.supplyDemandTable', { year })}>
          <thead>
            <tr>
              <th scope="col">{t('pipeline.programme')}</th>
              <th scope="col">{t('pipeline.hiringNeeds')}</th>
              <th scope="col">{t('pipeline.finishing')}</th>
              <th scope="col">{t('pipeline.placed')}</th>
              <th scope="col">{t('pipeline.gap')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((row) => (
              <tr key={row.programme.id}>
                <th scope="row">
                  {row.programme.name} <span className="muted">({row.school.name})</span>
                </th>
                <td>{number(row.hiringNeeds)}</td>
                <td>{cell(row.finishing)}</td>
                <td>{cell(row.placed)}</td>
                <td>{row.gap === null ? '–' : number(row.gap)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('pipeline.total')}</th>
              <td>{number(data.totals.hiringNeeds)}</td>
              <td>{cell(data.totals.finishing, 'total')}</td>
              <td>{cell(data.totals.placed, 'total')}</td>
              <td>{data.totals.gap === null ? '–' : number(data.totals.gap)}</td>
            </tr>
          </tfoot>
        </TableRegion>
      )}
      {data && data.suppressed.length > 0 && (
        <p className="muted">{t('pipeline.suppressedHelp')}</p>
      )}
      <Transitions year={year} />
    </Page>
  );
}

/** People who went on from one member school to another in the year (admins, coordinators). */
function Transitions({ year }: { year: number }) {
  const { t } = useI18n();
  const me = useMe();
  const shown = me.role === 'admin' || me.role === 'coordinator';
  const report = useLoad(
    () =>
      shown
        ? read<SchoolTransitions>(
            api.GET('/api/reports/school-transitions', { params: { query: { year } } }),
          )
        : Promise.resolve(undefined),
    [year, shown],
  );
  if (!shown) return null;
  const data = report.data?.year === year ? report.data : undefined;
  const cell = useCountText();
  return (
    <Section title={t('pipeline.transitionsTitle', { year })}>
      <p className="muted">{t('pipeline.transitionsIntro')}</p>
      <ErrorMessage error={report.error} />
      {data && data.rows.length === 0 && <p>{t('pipeline.noTransitions')}</p>}
      {data && data.rows.length > 0 && (
        <DownloadButtons
          load={(format) =>
            api.GET('/api/reports/school-transitions', {
              params: { query: { year, format } },
              parseAs: 'blob',
            })
          }
        />
      )}
      {data && data.rows.length > 0 && (
        <TableRegion label={t('pipeline.transitionsTitle', { year })} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('pipeline.fromSchool')}</th>
              <th scope="col">{t('pipeline.toSchool')}</th>
              <th scope="col">{t('pipeline.people')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={`${row.from.id}-${row.to.id}`}>
                <th scope="row">{row.from.name}</th>
                <td>{row.to.name}</td>
                <td>{cell(row.count)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('pipeline.total')}
              </th>
              <td>{cell(data.total, 'total')}</td>
            </tr>
          </tfoot>
        </TableRegion>
      )}
    </Section>
  );
}
