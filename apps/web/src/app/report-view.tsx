import { useState } from 'react';
import { api, read } from '../api/client';
import type { EmployerReportRow, Report, ReportGroup, StudentReportRow } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { BarChart, BarSeries, SeriesColour } from '../ui/bar-chart';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading } from '../ui/messages';
import { useLoad } from '../ui/use-load';
import { loadRounds } from './rounds';

/** A student group's standings: they partition its students (accepted includes confirmed). */
const STUDENT_KEYS = [
  'notTakingPart',
  'waiting',
  'assigned',
  'offered',
  'awaitingGuardian',
  'accepted',
  'declined',
  'expired',
  'unplaced',
] as const satisfies readonly (keyof StudentReportRow)[];

/** What became of the students matched to a host's slots. */
const HOST_KEYS = [
  'matched',
  'offered',
  'awaitingGuardian',
  'accepted',
  'confirmed',
  'declined',
  'expired',
] as const satisfies readonly (keyof EmployerReportRow)[];

/** Placement figures per school, programme or employer, as a bar chart and a table. */
export function ReportView({ groups }: { groups: ReportGroup[] }) {
  const { t, number } = useI18n();
  const [groupBy, setGroupBy] = useState<ReportGroup>(groups[0]);
  const [roundId, setRoundId] = useState('');
  const rounds = useLoad(loadRounds, []);
  const report = useLoad(
    () =>
      read<Report>(
        api.GET('/api/reports/placements', {
          params: { query: { groupBy, ...(roundId ? { roundId } : {}) } },
        }),
      ),
    [groupBy, roundId],
  );

  // Each student is in exactly one of these (the API's round standings), so they add up.
  const studentSeries: BarSeries[] = STUDENT_KEYS.map((key, i) => ({
    key,
    label: t(`report.${key}`),
    colour: (i + 1) as SeriesColour,
  }));
  const employerSeries: BarSeries[] = HOST_KEYS.map((key, i) => ({
    key,
    label: t(`report.${key}`),
    colour: (i + 1) as SeriesColour,
  }));

  const data = report.data?.groupBy === groupBy ? report.data : undefined;
  return (
    <>
      <form
        className="filters card"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('common.filters')}
      >
        {groups.length > 1 && (
          <label>
            {t('report.groupBy')}
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as ReportGroup)}>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {t(`report.by.${g}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('common.round')}
          <select value={roundId} onChange={(e) => setRoundId(e.target.value)}>
            <option value="">{t('report.latestRound')}</option>
            {rounds.data?.map((round) => (
              <option key={round.id} value={round.id}>
                {round.name}
              </option>
            ))}
          </select>
        </label>
        <DownloadButtons
          disabled={!data || data.items.length === 0}
          load={(format) =>
            api.GET('/api/reports/placements', {
              params: { query: { groupBy, format, ...(roundId ? { roundId } : {}) } },
              parseAs: 'blob',
            })
          }
        />
      </form>
      {report.loading && !data && <Loading />}
      <ErrorMessage error={report.error} />
      {data?.round && <p className="muted">{t('report.forRound', { round: data.round.name })}</p>}
      {data && data.items.length === 0 && <p>{t('report.empty')}</p>}
      {data && data.items.length > 0 && data.groupBy !== 'employer' && (
        <>
          <BarChart
            title={t(`report.chart.${data.groupBy}`)}
            totalLabel={t('report.students')}
            series={studentSeries}
            groups={data.items.map((row) => ({
              id: row.id,
              name: row.name,
              total: row.students,
              values: Object.fromEntries(STUDENT_KEYS.map((key) => [key, row[key]])),
            }))}
          />
          <div className="table-wrap" role="region" aria-label={t('report.table')} tabIndex={0}>
            <table className="table numbers">
              <caption>{t('report.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`report.by.${data.groupBy}`)}</th>
                  <th scope="col">{t('report.students')}</th>
                  {studentSeries.map((s) => (
                    <th scope="col" key={s.key}>
                      {s.label}
                    </th>
                  ))}
                  <th scope="col">{t('report.matched')}</th>
                  <th scope="col">{t('report.confirmed')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{row.name}</th>
                    <td>{number(row.students)}</td>
                    {STUDENT_KEYS.map((key) => (
                      <td key={key}>{number(row[key])}</td>
                    ))}
                    <td>{number(row.matched)}</td>
                    <td>{number(row.confirmed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {data && data.items.length > 0 && data.groupBy === 'employer' && (
        <>
          <BarChart
            title={t('report.chartEmployers')}
            totalLabel={t('report.seatsOffered')}
            series={employerSeries}
            groups={data.items.map((row) => ({
              id: row.id,
              name: row.name,
              total: row.seatsOffered,
              values: Object.fromEntries(HOST_KEYS.map((key) => [key, row[key]])),
            }))}
          />
          <div className="table-wrap" role="region" aria-label={t('report.table')} tabIndex={0}>
            <table className="table numbers">
              <caption>{t('report.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.by.employer')}</th>
                  <th scope="col">{t('report.slots')}</th>
                  <th scope="col">{t('report.seatsOffered')}</th>
                  <th scope="col">{t('report.seatsFilled')}</th>
                  <th scope="col">{t('report.applicants')}</th>
                  {employerSeries.map((s) => (
                    <th scope="col" key={s.key}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.items.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{row.name}</th>
                    <td>{number(row.slots)}</td>
                    <td>{number(row.seatsOffered)}</td>
                    <td>{number(row.seatsFilled)}</td>
                    <td>{number(row.applicants)}</td>
                    {HOST_KEYS.map((key) => (
                      <td key={key}>{number(row[key])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
