import { AuthUser } from '@app/accounts';
import { ForbiddenError } from '@app/errors';
import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import {
  MATCHED_STANDINGS,
  PLACED_STANDINGS,
  standingIn,
  studentRoundStandingsSql,
  countCell,
} from '@app/rounds';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withholdSmallCounts } from './supply-demand-suppression';

export const PIPELINE_GROUPINGS = ['school', 'programme', 'employer'] as const;
export type PipelineGrouping = (typeof PIPELINE_GROUPINGS)[number];

/** Head counts of a group, in the order of the funnel, then what is known of each. */
export const PIPELINE_COUNTS = [
  'registered',
  'ranked',
  'matched',
  'accepted',
  'completed',
  'jobOffered',
  'hired',
  /** Students whose outcome is known: a host's record or a follow-up answer. */
  'hiredKnown',
  'working12',
  /** Students who answered the follow-up at 12 months. */
  'known12',
  'working24',
  'known24',
  /** Interns whose host recorded an outcome (at this employer, grouped by employer). */
  'outcomesKnown',
  /** Of those, interns who got and accepted a job offer. */
  'offersAccepted',
] as const;
export type PipelineCount = (typeof PIPELINE_COUNTS)[number];

export type PipelineFigures = Record<PipelineCount, number | null> & {
  /** hiredKnown / registered: the share whose outcome is known (NACE's knowledge rate). */
  hiredKnowledgeRate: number | null;
  knowledgeRate12: number | null;
  knowledgeRate24: number | null;
  /** offersAccepted / outcomesKnown: intern-to-hire conversion. */
  conversion: number | null;
};

export interface PipelineRow extends PipelineFigures {
  group: { id: string; name: string; school: { id: string; name: string } | null };
}

export interface PipelineReport {
  cohort: number;
  groupBy: PipelineGrouping;
  scope: 'alliance' | 'school' | 'organisation';
  items: PipelineRow[];
  /** Every student of the cohort in scope once, even where groups overlap (employers). */
  totals: PipelineFigures;
  suppressed: { groupId: string | null; field: PipelineCount }[];
  benchmarks: typeof CONVERSION_BENCHMARKS;
}

/** Published figures the conversion is set beside (quoted in the dashboard's help). */
export const CONVERSION_BENCHMARKS = [
  {
    source: 'NACE 2024 Internship & Co-op Report',
    measure: 'US interns who got and accepted a job offer from their internship employer',
    share: 0.55,
  },
  {
    source: 'AE (Arbejderbevægelsens Erhvervsråd)',
    measure: 'Danish apprentices employed at their training company one month after qualifying',
    share: 0.83,
  },
] as const;

/** Working in Kalundborg: at an alliance member, or elsewhere in Kalundborg Kommune. */
const IN_KALUNDBORG = `('alliance_member', 'kalundborg')`;

interface CountedRow extends Record<PipelineCount, number> {
  groupId: string | null;
  groupName: string | null;
  schoolId: string | null;
  schoolName: string | null;
}

/**
 * The talent pipeline per cohort (the year of expected completion): registered → ranked →
 * matched → accepted (the round standing of libs/rounds, across the cohort's rounds) →
 * completed → job offered → hired by an alliance member → working in Kalundborg at 12 and 24
 * months, each follow-up figure beside the share whose outcome is known. One query with
 * grouping sets (the groups and the cohort's total) over the per-student summary, which its
 * triggers keep equal to the live definition (`pipelineLiveSql`); counts of 1 to 4 withheld as in the
 * supply-demand report. Admins see the alliance, coordinators their school, reviewers the
 * students who had a placement at their organisation.
 */
@Injectable()
export class PipelineReportService {
  constructor(private readonly db: DataSource) {}

  /** The report from the summary: what the api answers. */
  report(caller: AuthUser, cohort: number, groupBy: PipelineGrouping): Promise<PipelineReport> {
    return this.build(caller, cohort, groupBy, (scope) =>
      this.db.query(pipelineSql(groupBy), [cohort, scope.school, scope.host, scope.viewer]),
    );
  }

  /** The report from the live rows, by the one definition the summary must equal. */
  liveReport(caller: AuthUser, cohort: number, groupBy: PipelineGrouping): Promise<PipelineReport> {
    return this.build(caller, cohort, groupBy, (scope) =>
      this.db.query(pipelineLiveSql(groupBy), [
        cohort,
        scope.school,
        scope.host,
        MATCHED_STANDINGS,
        scope.viewer,
      ]),
    );
  }

  private async build(
    caller: AuthUser,
    cohort: number,
    groupBy: PipelineGrouping,
    count: (scope: ReportScope) => Promise<CountedRow[]>,
  ): Promise<PipelineReport> {
    if (caller.role === 'student') throw new ForbiddenError('students have no reports');
    const school = caller.role === 'coordinator' ? caller.organisationId : null;
    const host = caller.role === 'reviewer' ? caller.organisationId : null;
    const viewer = caller.role === 'admin' ? null : caller.organisationId;
    const counted = await count({ school, host, viewer });
    const totalsRow = counted.find((row) => row.groupId === null);
    const groups = counted.filter((row) => row.groupId !== null);
    const zero = Object.fromEntries(PIPELINE_COUNTS.map((field) => [field, 0])) as Record<
      PipelineCount,
      number
    >;
    const table = withholdSmallCounts(
      {
        rows: groups.map((row) => ({ key: row.groupId!, counts: countsOf(row) })),
        totals: totalsRow ? countsOf(totalsRow) : zero,
      },
      PIPELINE_COUNTS,
    );
    return {
      cohort,
      groupBy,
      scope: school ? 'school' : host ? 'organisation' : 'alliance',
      items: table.rows.map(({ figures }, index) => {
        const row = groups[index];
        return {
          group: {
            id: row.groupId!,
            name: row.groupName ?? '',
            school:
              groupBy === 'programme' && row.schoolId
                ? { id: row.schoolId, name: row.schoolName ?? '' }
                : null,
          },
          ...withRates(figures),
        };
      }),
      totals: withRates(table.totals),
      suppressed: table.withheld.map(({ key, field }) => ({ groupId: key, field })),
      benchmarks: CONVERSION_BENCHMARKS,
    };
  }
}

/** Who may see what: a coordinator's school, a reviewer's organisation, a non-admin's view. */
interface ReportScope {
  school: string | null;
  host: string | null;
  viewer: string | null;
}

function countsOf(row: CountedRow): Record<PipelineCount, number> {
  return Object.fromEntries(PIPELINE_COUNTS.map((field) => [field, Number(row[field])])) as Record<
    PipelineCount,
    number
  >;
}

/** A share of two shown counts; withheld when either is (it would give the other away). */
function rate(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return Math.round((part / whole) * 1000) / 1000;
}

function withRates(figures: Record<PipelineCount, number | null>): PipelineFigures {
  return {
    ...figures,
    hiredKnowledgeRate: rate(figures.hiredKnown, figures.registered),
    knowledgeRate12: rate(figures.known12, figures.registered),
    knowledgeRate24: rate(figures.known24, figures.registered),
    conversion: rate(figures.offersAccepted, figures.outcomesKnown),
  };
}

/**
 * The report as the service answers it: from the summary (`pipeline_students`,
 * `pipeline_student_employers`) that the triggers of migrations 1764850000000 and
 * 1764930000000 keep current in the transactions that write what it counts, one grouped scan
 * of the cohort's rows: its students, or by employer its (student, employer) pairs, which carry
 * their student's flags. $1 cohort, $2 the coordinator's school, $3 the reviewer's
 * organisation, $4 whose view of unpublished rounds (null: an admin's; the summary holds both
 * views of `matched`).
 */
export function pipelineSql(groupBy: PipelineGrouping): string {
  const matched = (row: string) =>
    `CASE WHEN $4::uuid IS NULL THEN ${row}.matched ELSE ${row}.matched_published END AS matched`;
  if (groupBy === 'employer') {
    return `
      WITH pair AS (
        SELECT pe.student_id AS id, pe.organisation_id, pe.ranked, ${matched('pe')},
               pe.accepted, pe.completed, pe.offered, pe.hired, pe.hired_known, pe.known12,
               pe.working12, pe.known24, pe.working24,
               pe.outcome_known AS pair_outcome_known, pe.offer_accepted AS pair_offer_accepted
        FROM pipeline_student_employers pe
        WHERE pe.cohort = $1 AND ($2::uuid IS NULL OR pe.school_id = $2)
          AND ($3::uuid IS NULL OR pe.organisation_id = $3)
      )
      ${groupedSql(groupBy)}`;
  }
  return `
    WITH student AS (
      SELECT ps.student_id AS id, ps.school_id, ps.programme_id, ps.ranked, ${matched('ps')},
             ps.accepted, ps.completed, ps.offered, ps.offer_accepted, ps.outcome_known, ps.hired,
             ps.hired_known, ps.known12, ps.working12, ps.known24, ps.working24
      FROM pipeline_students ps
      WHERE ps.cohort = $1 AND ($2::uuid IS NULL OR ps.school_id = $2)
        AND ($3::uuid IS NULL OR EXISTS (
          SELECT 1 FROM pipeline_student_employers pe
          WHERE pe.student_id = ps.student_id AND pe.organisation_id = $3))
    )
    ${groupedSql(groupBy)}`;
}

/**
 * The same report worked out from the live rows, on the round standings of libs/rounds: the
 * definition the summary must equal (the e2e tests compare the two), and what the summary's
 * triggers spell in SQL. $1 to $3 as above, $4 the matched standings, $5 whose view.
 */
export function pipelineLiveSql(groupBy: PipelineGrouping): string {
  return `
    WITH cohort AS (
      SELECT st.id, st.school_id, st.programme_id FROM students st
      WHERE st.expected_completion_year = $1 AND st.erased_at IS NULL
        AND ($2::uuid IS NULL OR st.school_id = $2)
        AND ($3::uuid IS NULL OR EXISTS (
          SELECT 1 FROM placements p JOIN slots sl ON sl.id = p.slot_id
          WHERE p.student_id = st.id AND sl.organisation_id = $3))
    ), standings AS MATERIALIZED (
      -- Materialised: each standing is worked out once, not once per use below.
      ${studentRoundStandingsSql('SELECT id FROM cohort', '$5')}
    ), standing AS (
      SELECT rs.student_id,
             bool_or(rs.standing <> 'notTakingPart') AS ranked,
             bool_or(rs.standing = ANY($4::text[])) AS matched,
             bool_or(${standingIn(PLACED_STANDINGS, 'rs.standing')}) AS accepted
      FROM standings rs
      GROUP BY rs.student_id
    ), outcome AS (
      SELECT o.student_id, bool_or(o.completed) AS completed,
             bool_or(o.job_offer <> 'none') AS offered,
             bool_or(o.job_offer = 'accepted') AS offer_accepted
      FROM placement_outcomes o WHERE o.student_id IN (SELECT id FROM cohort)
      GROUP BY o.student_id
    ), follow AS (
      SELECT f.student_id,
             bool_or(f.situation = 'alliance_member') AS at_member,
             bool_or(f.months = 12) AS known12,
             bool_or(f.months = 12 AND f.situation IN ${IN_KALUNDBORG}) AS working12,
             bool_or(f.months = 24) AS known24,
             bool_or(f.months = 24 AND f.situation IN ${IN_KALUNDBORG}) AS working24
      FROM follow_ups f
      WHERE f.answered_at IS NOT NULL AND f.student_id IN (SELECT id FROM cohort)
      GROUP BY f.student_id
    ), student AS (
      SELECT c.id, c.school_id, c.programme_id,
             coalesce(sd.ranked, false) AS ranked, coalesce(sd.matched, false) AS matched,
             coalesce(sd.accepted, false) AS accepted,
             coalesce(o.completed, false) AS completed, coalesce(o.offered, false) AS offered,
             coalesce(o.offer_accepted, false) AS offer_accepted,
             o.student_id IS NOT NULL AS outcome_known,
             coalesce(o.offer_accepted, false) OR coalesce(f.at_member, false) AS hired,
             o.student_id IS NOT NULL OR f.student_id IS NOT NULL AS hired_known,
             coalesce(f.known12, false) AS known12, coalesce(f.working12, false) AS working12,
             coalesce(f.known24, false) AS known24, coalesce(f.working24, false) AS working24
      FROM cohort c LEFT JOIN standing sd ON sd.student_id = c.id
      LEFT JOIN outcome o ON o.student_id = c.id LEFT JOIN follow f ON f.student_id = c.id
    ), employer AS (
      SELECT p.student_id, sl.organisation_id,
             bool_or(o.placement_id IS NOT NULL) AS outcome_known,
             bool_or(o.job_offer = 'accepted') AS offer_accepted
      FROM placements p JOIN slots sl ON sl.id = p.slot_id
      LEFT JOIN placement_outcomes o ON o.placement_id = p.id
      WHERE p.student_id IN (SELECT id FROM cohort)
        AND ($3::uuid IS NULL OR sl.organisation_id = $3)
      GROUP BY p.student_id, sl.organisation_id
    ), pair AS (
      SELECT s.*, e.organisation_id, e.outcome_known AS pair_outcome_known,
             e.offer_accepted AS pair_offer_accepted
      FROM student s JOIN employer e ON e.student_id = s.id
    )
    ${groupedSql(groupBy)}`;
}

/** The funnel's flags, as the CTEs `student` and `pair` of either source name them. */
const FLAGS = [
  ['ranked', 'ranked'],
  ['matched', 'matched'],
  ['accepted', 'accepted'],
  ['completed', 'completed'],
  ['jobOffered', 'offered'],
  ['hired', 'hired'],
  ['hiredKnown', 'hired_known'],
  ['working12', 'working12'],
  ['known12', 'known12'],
  ['working24', 'working24'],
  ['known24', 'known24'],
] as const;

/**
 * The counts per group and the total, over the CTE `student` (by school or programme) or `pair`
 * (by employer: one row per student and employer they had a placement at, with the student's
 * flags and what that employer recorded) of either source. Counted first, on the group's key,
 * and named after: the names join a few rows, not every student's. The total is the row whose
 * key is NULL.
 */
function groupedSql(groupBy: PipelineGrouping): string {
  const counts = (row: string, outcome: string, offer: string) =>
    [
      `count(*)::int AS registered`,
      ...FLAGS.map(([name, flag]) => `count(*) FILTER (WHERE ${row}.${flag})::int AS "${name}"`),
      `count(*) FILTER (WHERE ${row}.${outcome})::int AS "outcomesKnown"`,
      `count(*) FILTER (WHERE ${row}.${offer})::int AS "offersAccepted"`,
    ].join(',\n             ');
  const counted = {
    school: `SELECT s.school_id AS key, ${counts('s', 'outcome_known', 'offer_accepted')}
      FROM student s GROUP BY GROUPING SETS ((s.school_id), ())`,
    programme: `SELECT s.programme_id AS key, ${counts('s', 'outcome_known', 'offer_accepted')}
      FROM student s WHERE s.programme_id IS NOT NULL
      GROUP BY GROUPING SETS ((s.programme_id), ())`,
    // A pair is unique, so an employer's figures are plain counts, the conversion of the
    // outcomes that employer recorded; the total counts each student once, with an outcome
    // known or an offer accepted at any of their employers.
    employer: `SELECT p.organisation_id AS key,
             ${counts('p', 'pair_outcome_known', 'pair_offer_accepted')}
      FROM pair p GROUP BY p.organisation_id
      UNION ALL
      SELECT NULL, ${counts('p', 'pair_outcome_known', 'pair_offer_accepted')}
      FROM (SELECT ${[...FLAGS.map(([, flag]) => flag), 'pair_outcome_known', 'pair_offer_accepted']
        .map((flag) => `bool_or(${flag}) AS ${flag}`)
        .join(', ')}
            FROM pair GROUP BY id) p`,
  }[groupBy];
  const named =
    groupBy === 'programme'
      ? `LEFT JOIN programmes g ON g.id = c.key LEFT JOIN organisations sc ON sc.id = g.school_id`
      : `LEFT JOIN organisations g ON g.id = c.key`;
  const school = groupBy === 'programme' ? `sc.id::text` : `NULL::text`;
  const schoolName = groupBy === 'programme' ? `sc.name` : `NULL::text`;
  return `, counted AS (
      ${counted}
    )
    SELECT c.key AS "groupId", g.name AS "groupName", ${school} AS "schoolId",
           ${schoolName} AS "schoolName", c.registered,
           ${[...FLAGS.map(([name]) => name), 'outcomesKnown', 'offersAccepted']
             .map((name) => `c."${name}"`)
             .join(', ')}
    FROM counted c ${named}
    ORDER BY g.name NULLS LAST, c.key NULLS LAST`;
}

/** The report as a table (CSV, xlsx): withheld counts as "<5", a withheld total as "withheld", a withheld share as empty. */
export function pipelineTable(report: PipelineReport): ExportTable {
  const rates = ['hiredKnowledgeRate', 'knowledgeRate12', 'knowledgeRate24', 'conversion'] as const;
  type Line = { name: string; school: string; figures: PipelineFigures; total?: true };
  const columns: ExportColumn<Line>[] = [
    { header: 'cohort', value: () => report.cohort },
    { header: report.groupBy, value: (line) => line.name },
    { header: 'schoolOfProgramme', value: (line) => line.school },
    ...PIPELINE_COUNTS.map((field) => ({
      header: field,
      value: (line: Line) => countCell(line.figures[field], line.total),
    })),
    ...rates.map((field) => ({ header: field, value: (line: Line) => line.figures[field] })),
  ];
  const lines: Line[] = report.items.map((item) => ({
    name: item.group.name,
    school: item.group.school?.name ?? '',
    figures: item,
  }));
  lines.push({ name: 'Total', school: '', figures: report.totals, total: true });
  return exportTable(`Pipeline ${report.cohort} by ${report.groupBy}`, columns, lines);
}
