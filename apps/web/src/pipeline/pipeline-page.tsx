import { useState } from 'react';
import { api, read } from '../api/client';
import type { PipelineReport } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { BarChart, BarSeries, SeriesColour } from '../ui/bar-chart';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading } from '../ui/messages';
import { Page } from '../ui/page';
import { TableRegion } from '../ui/table-region';
import { useLoad } from '../ui/use-load';
import { CountPlace, useCountText } from '../ui/withheld-count';
import { YearSelect } from '../ui/year-select';

const THIS_YEAR = new Date().getFullYear();
const COHORTS = Array.from({ length: 7 }, (_, i) => THIS_YEAR - 4 + i);
const GROUPINGS = ['school', 'programme', 'employer'] as const;
type Grouping = (typeof GROUPINGS)[number];
type Figures = PipelineReport['totals'];

const STEPS = ['registered', 'ranked', 'matched', 'accepted', 'completed', 'jobOffered'] as const;
/** The funnel as drawn: every step, the follow-up ones too (their knowledge rates are in the table). */
const CHART_STEPS = [...STEPS, 'hired', 'working12', 'working24'] as const;

/**
 * The funnel of a cohort (year of expected completion) per school, programme or employer, for
 * the caller's scope (the api decides). Counts of 1 to 4 come as null and show as "<5"; each
 * follow-up figure has its knowledge rate beside it, and the conversion its benchmarks in help.
 */
export function PipelinePage() {
  const { t, number } = useI18n();
  const [cohort, setCohort] = useState(THIS_YEAR - 1);
  const [groupBy, setGroupBy] = useState<Grouping>('school');
  const report = useLoad(
    () =>
      read<PipelineReport>(
        api.GET('/api/reports/pipeline', { params: { query: { cohort, groupBy } } }),
      ),
    [cohort, groupBy],
  );
  const countText = useCountText();
  const share = (value: number | null) =>
    value === null ? '–' : `${number(Math.round(value * 100))} %`;
  const figures = (row: Figures, place: CountPlace = 'group') => (
    <>
      {STEPS.map((step) => (
        <td key={step}>{countText(row[step], place)}</td>
      ))}
      <td>
        {countText(row.hired, place)}{' '}
        <span className="muted">({share(row.hiredKnowledgeRate)})</span>
      </td>
      <td>
        {countText(row.working12, place)}{' '}
        <span className="muted">({share(row.knowledgeRate12)})</span>
      </td>
      <td>
        {countText(row.working24, place)}{' '}
        <span className="muted">({share(row.knowledgeRate24)})</span>
      </td>
      <td>{share(row.conversion)}</td>
    </>
  );

  const series: BarSeries[] = CHART_STEPS.map((step, i) => ({
    key: step,
    label: t(`funnel.step.${step}`),
    colour: (i + 1) as SeriesColour,
  }));
  const chartGroup = (id: string, name: string, row: Figures, summary = false) => ({
    id,
    name,
    summary,
    total: row.registered,
    values: Object.fromEntries(CHART_STEPS.map((step) => [step, row[step]])),
  });

  const data =
    report.data?.cohort === cohort && report.data.groupBy === groupBy ? report.data : undefined;
  return (
    <Page title={t('funnel.title')} intro={t('funnel.intro')}>
      <form className="filters card" onSubmit={(e) => e.preventDefault()}>
        <YearSelect
          label={t('funnel.cohort')}
          years={COHORTS}
          value={cohort}
          onChange={setCohort}
        />
        <label>
          {t('funnel.groupBy')}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as Grouping)}>
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(`funnel.by.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <DownloadButtons
          disabled={!data}
          load={(format) =>
            api.GET('/api/reports/pipeline', {
              params: { query: { cohort, groupBy, format } },
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
          title={t('funnel.chart', { cohort })}
          totalLabel={t('funnel.step.registered')}
          series={series}
          groups={[
            chartGroup('total', t('pipeline.total'), data.totals, true),
            ...data.items.map((row) => chartGroup(row.group.id, groupName(row.group), row)),
          ]}
        />
      )}
      {data && (
        <TableRegion label={t('funnel.table', { cohort })}>
          <thead>
            <tr>
              <th scope="col">{t(`funnel.by.${groupBy}`)}</th>
              {STEPS.map((step) => (
                <th scope="col" key={step}>
                  {t(`funnel.step.${step}`)}
                </th>
              ))}
              <th scope="col">{t('funnel.step.hired')}</th>
              <th scope="col">{t('funnel.step.working12')}</th>
              <th scope="col">{t('funnel.step.working24')}</th>
              <th scope="col">{t('funnel.step.conversion')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((row) => (
              <tr key={row.group.id}>
                <th scope="row">
                  {row.group.name}
                  {row.group.school && <span className="muted"> ({row.group.school.name})</span>}
                </th>
                {figures(row)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('pipeline.total')}</th>
              {figures(data.totals, 'total')}
            </tr>
          </tfoot>
        </TableRegion>
      )}
      <details className="card">
        <summary>{t('funnel.helpTitle')}</summary>
        <p>{t('funnel.helpKnowledge')}</p>
        <p>{t('funnel.helpBenchmarks')}</p>
        <p className="muted">{t('pipeline.suppressedHelp')}</p>
      </details>
    </Page>
  );
}

function groupName(group: PipelineReport['items'][number]['group']): string {
  return group.school ? `${group.name} (${group.school.name})` : group.name;
}
