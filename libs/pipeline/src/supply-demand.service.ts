import { PLACED_STATUSES, placementStatusIn } from '@app/database';
import { AuthUser } from '@app/accounts';
import { ForbiddenError } from '@app/errors';
import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import { countCell } from '@app/rounds';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  SupplyDemandCounts,
  SupplyDemandFigures,
  SuppressedCell,
  suppressSupplyDemand,
} from './supply-demand-suppression';

export interface SupplyDemandRow extends SupplyDemandFigures {
  programme: { id: string; code: string; name: string };
  school: { id: string; name: string };
}

export interface SupplyDemandReport {
  year: number;
  /** Whose figures: the alliance, one school, or one employer. */
  scope: 'alliance' | 'school' | 'organisation';
  items: SupplyDemandRow[];
  totals: SupplyDemandFigures;
  suppressed: SuppressedCell[];
}

interface CountedRow extends SupplyDemandCounts {
  programmeId: string;
  code: string;
  name: string;
  schoolId: string;
  schoolName: string;
}

/**
 * Supply and demand per programme for one year: the hiring needs the employers declared, the
 * students expected to complete, and how many of those had an internship. One grouped query;
 * small counts withheld (supply-demand-suppression.ts). Admins see the alliance, coordinators
 * their school's programmes, reviewers their own organisation's needs and interns beside the
 * alliance's finishers.
 */
@Injectable()
export class SupplyDemandService {
  constructor(private readonly db: DataSource) {}

  async report(caller: AuthUser, year: number): Promise<SupplyDemandReport> {
    const school = caller.role === 'coordinator' ? caller.organisationId : null;
    const host = caller.role === 'reviewer' ? caller.organisationId : null;
    if (caller.role === 'student') throw new ForbiddenError('students have no reports');
    const counted: CountedRow[] = await this.db.query(
      `WITH needs AS (
         SELECT programme_id, sum(count)::int AS n FROM hiring_needs
         WHERE year = $1 AND ($3::uuid IS NULL OR organisation_id = $3)
         GROUP BY programme_id
       ), finishers AS (
         SELECT st.programme_id, count(*)::int AS finishing,
                count(*) FILTER (WHERE EXISTS (
                  SELECT 1 FROM placements pl JOIN slots s ON s.id = pl.slot_id
                  WHERE pl.student_id = st.id AND ${placementStatusIn(PLACED_STATUSES, 'pl.status')}
                    AND ($3::uuid IS NULL OR s.organisation_id = $3)))::int AS placed
         FROM students st
         WHERE st.expected_completion_year = $1 AND st.erased_at IS NULL
           AND ($2::uuid IS NULL OR st.school_id = $2)
         GROUP BY st.programme_id
       )
       SELECT p.id AS "programmeId", p.code, p.name, o.id AS "schoolId", o.name AS "schoolName",
              coalesce(n.n, 0) AS "hiringNeeds", coalesce(f.finishing, 0) AS finishing,
              coalesce(f.placed, 0) AS placed
       FROM programmes p JOIN organisations o ON o.id = p.school_id
       LEFT JOIN needs n ON n.programme_id = p.id LEFT JOIN finishers f ON f.programme_id = p.id
       WHERE ($2::uuid IS NULL OR p.school_id = $2)
       ORDER BY o.name, p.name, p.id`,
      [year, school, host],
    );
    const table = suppressSupplyDemand(counted);
    const byId = new Map(counted.map((row) => [row.programmeId, row]));
    return {
      year,
      scope: school ? 'school' : host ? 'organisation' : 'alliance',
      items: table.rows.map(({ programmeId, ...figures }) => {
        const row = byId.get(programmeId)!;
        return {
          programme: { id: programmeId, code: row.code, name: row.name },
          school: { id: row.schoolId, name: row.schoolName },
          ...figures,
        };
      }),
      totals: table.totals,
      suppressed: table.suppressed,
    };
  }
}

/** The report as a table (CSV, xlsx): withheld counts as "<5", a withheld total as "withheld", a withheld gap as empty. */
export function supplyDemandTable(report: SupplyDemandReport): ExportTable {
  type Line = { school: string; programme: string; figures: SupplyDemandFigures; total?: true };
  const columns: ExportColumn<Line>[] = [
    { header: 'year', value: () => report.year },
    { header: 'school', value: (line) => line.school },
    { header: 'programme', value: (line) => line.programme },
    { header: 'hiringNeeds', value: (line) => line.figures.hiringNeeds },
    { header: 'finishing', value: (line) => countCell(line.figures.finishing, line.total) },
    { header: 'placed', value: (line) => countCell(line.figures.placed, line.total) },
    { header: 'gap', value: (line) => line.figures.gap },
  ];
  const lines: Line[] = report.items.map((item) => ({
    school: item.school.name,
    programme: item.programme.name,
    figures: item,
  }));
  lines.push({ school: '', programme: 'Total', figures: report.totals, total: true });
  return exportTable(`Supply and demand ${report.year}`, columns, lines);
}
