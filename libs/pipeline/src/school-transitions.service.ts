import { AuthUser } from '@app/accounts';
import { ForbiddenError } from '@app/errors';
import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import { countCell } from '@app/rounds';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withholdSmallCounts } from './supply-demand-suppression';

export interface SchoolTransitionRow {
  from: { id: string; name: string; kind: string };
  to: { id: string; name: string; kind: string };
  /** People who moved from one school's enrolment to the other's in the year; null when 1 to 4. */
  count: number | null;
}

export interface SchoolTransitions {
  year: number;
  rows: SchoolTransitionRow[];
  /** Null when it is 1 to 4, or when a row is withheld (the total would give it away). */
  total: number | null;
  /** Rows withheld, by their schools, and whether the total is. */
  suppressed: { fromId: string | null; toId: string | null }[];
}

interface CountRow {
  fromId: string;
  fromName: string;
  fromKind: string;
  toId: string;
  toName: string;
  toKind: string;
  count: number;
}

/**
 * The pipeline's count of people who went on from one member school to another (a gymnasium
 * student who starts at NEXT or Absalon), from the enrolments they confirmed: a students row
 * left for the row that followed it, in the year it was left. Tombstones keep their schools, so
 * an erased person still counts. Admins see the alliance, coordinators the moves into or out of
 * their school.
 */
@Injectable()
export class SchoolTransitionsService {
  constructor(private readonly db: DataSource) {}

  async report(caller: AuthUser, year: number): Promise<SchoolTransitions> {
    if (caller.role !== 'admin' && caller.role !== 'coordinator') {
      throw new ForbiddenError('Only admins and coordinators see school transitions', {
        code: 'auth.role_forbidden',
      });
    }
    const schoolId = caller.role === 'coordinator' ? caller.organisationId : null;
    const counts: CountRow[] = await this.db.query(
      `SELECT f.id AS "fromId", f.name AS "fromName", f.kind AS "fromKind",
              t.id AS "toId", t.name AS "toName", t.kind AS "toKind", count(*)::int AS count
         FROM students earlier
         JOIN students later ON later.id = earlier.moved_to_student_id
         JOIN organisations f ON f.id = earlier.school_id
         JOIN organisations t ON t.id = later.school_id
        WHERE earlier.left_at >= make_date($1, 1, 1) AND earlier.left_at < make_date($1 + 1, 1, 1)
          AND ($2::uuid IS NULL OR earlier.school_id = $2 OR later.school_id = $2)
        GROUP BY f.id, t.id
        ORDER BY f.name, t.name`,
      [year, schoolId],
    );
    const table = withholdSmallCounts(
      {
        rows: counts.map((row) => ({ key: row, counts: { count: row.count } })),
        totals: { count: counts.reduce((total, row) => total + row.count, 0) },
      },
      ['count'] as const,
    );
    const rows = table.rows.map(({ key: row, figures }) => ({
      from: { id: row.fromId, name: row.fromName, kind: row.fromKind },
      to: { id: row.toId, name: row.toName, kind: row.toKind },
      count: figures.count,
    }));
    const suppressed = table.withheld.map(({ key }) => ({
      fromId: key?.fromId ?? null,
      toId: key?.toId ?? null,
    }));
    return { year, rows, total: table.totals.count, suppressed };
  }
}

/** The moves as a table (CSV, xlsx): a withheld count as "<5", and the total last ("withheld" when it is). */
export function schoolTransitionsTable(report: SchoolTransitions): ExportTable {
  type Line = { from: string; to: string; count: number | null; total?: true };
  const columns: ExportColumn<Line>[] = [
    { header: 'year', value: () => report.year },
    { header: 'fromSchool', value: (line) => line.from },
    { header: 'toSchool', value: (line) => line.to },
    { header: 'count', value: (line) => countCell(line.count, line.total) },
  ];
  const lines: Line[] = report.rows.map((row) => ({
    from: row.from.name,
    to: row.to.name,
    count: row.count,
  }));
  lines.push({ from: 'Total', to: '', count: report.total, total: true });
  return exportTable(`School transitions ${report.year}`, columns, lines);
}
