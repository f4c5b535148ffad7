import { useState } from 'react';
import { api, read } from '../api/client';
import type { Report, ReportGroup } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { BarChart, BarSeries } from '../ui/bar-chart';
import { ErrorMessage, Loading } from '../ui/messages';
import { useLoad } from '../ui/use-load';
import { loadRounds } from './rounds';

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

  const studentSeries: BarSeries[] = [
    { key: 'ranked', label: t('report.ranked'), colour: 1 },
    { key: 'matched', label: t('report.matched'), colour: 2 },
    { key: 'accepted', label: t('report.accepted'), colour: 3 },
    { key: 'confirmed', label: t('report.confirmed'), colour: 4 },
    { key: 'unplaced', label: t('report.unplaced'), colour: 5 },
  ];
  const employerSeries: BarSeries[] = [
    { key: 'matched', label: t('report.matched'), colour: 2 },
    { key: 'accepted', label: t('report.accepted'), colour: 3 },
    { key: 'confirmed', label: t('report.confirmed'), colour: 4 },
  ];

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
            <option value="">{t('report.allRounds')}</option>
            {rounds.data?.map((round) => (
              <option key={round.id} value={round.id}>
                {round.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {report.loading && !data && <Loading />}
      <ErrorMessage error={report.error} />
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
              values: {
                ranked: row.ranked,
                matched: row.matched,
                accepted: row.accepted,
                confirmed: row.confirmed,
                unplaced: row.unplaced,
              },
            }))}
          />
          <div className="table-wrap">
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
                </tr>
              </thead>
              <tbody>
                {data.items.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{row.name}</th>
                    <td>{number(row.students)}</td>
                    <td>{number(row.ranked)}</td>
                    <td>{number(row.matched)}</td>
                    <td>{number(row.accepted)}</td>
                    <td>{number(row.confirmed)}</td>
                    <td>{number(row.unplaced)}</td>
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
              values: { matched: row.matched, accepted: row.accepted, confirmed: row.confirmed },
            }))}
          />
          <div className="table-wrap">
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
                    <td>{number(row.matched)}</td>
                    <td>{number(row.accepted)}</td>
                    <td>{number(row.confirmed)}</td>
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
