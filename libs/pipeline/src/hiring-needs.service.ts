import { readProgrammeCells } from '@app/organisations';
import { AuthUser } from '@app/accounts';
import { HOST_KINDS } from '@app/database';
import { ForbiddenError, InvalidRowsError } from '@app/errors';
import { mapRows, readCsvTable, RowReport, validateRow } from '@app/imports';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HiringNeedDto } from './dto/hiring-needs.dto';
import {
  DuplicateHiringNeedError,
  NotAnEmployerError,
  UnknownProgrammesError,
} from './pipeline.errors';

/**
 * The import's columns. The download's other columns (the programme's name and school, when it
 * was set) are read past, so a downloaded file can be edited and imported again.
 */
export const HIRING_NEEDS_CSV_COLUMNS = {
  required: ['programme', 'year', 'count'],
  optional: ['programmeName', 'school', 'updatedAt'],
} as const;

export interface HiringNeedView {
  programmeId: string;
  programmeCode: string;
  programmeName: string;
  schoolName: string;
  /** The school's slug: `schoolSlug/programmeCode` names the programme in an import. */
  schoolSlug: string;
  year: number;
  count: number;
  updatedAt: Date;
}

export interface HiringNeedsView {
  organisationId: string;
  items: HiringNeedView[];
}

/**
 * Employers' and public bodies' hiring needs (rekrutteringsbehov): how many people of each
 * programme they expect to hire per year. Owns the table hiring_needs. A reviewer states their
 * own organisation's, an admin any host's.
 */
@Injectable()
export class HiringNeedsService {
  constructor(private readonly db: DataSource) {}

  async get(caller: AuthUser, organisationId: string): Promise<HiringNeedsView> {
    await this.findHost(this.db.manager, caller, organisationId);
    return { organisationId, items: await this.items(this.db.manager, organisationId) };
  }

  /** Replaces the whole set in one transaction: items left out are needs no longer. */
  async replace(
    caller: AuthUser,
    organisationId: string,
    items: readonly HiringNeedDto[],
  ): Promise<HiringNeedsView> {
    assertDistinct(items);
    return this.db.transaction(async (db) => {
      const kind = await this.findHost(db, caller, organisationId, true);
      await this.assertProgrammesExist(db, items);
      await db.query(`DELETE FROM hiring_needs WHERE organisation_id = $1`, [organisationId]);
      await this.upsert(db, organisationId, kind, items);
      return { organisationId, items: await this.items(db, organisationId) };
    });
  }

  /**
   * Sets the programme-years a CSV file names (`programme,year,count`; the programme by its code,
   * or `school-slug/code` where codes repeat), all rows or none; other years stay as they are.
   */
  async importCsv(caller: AuthUser, organisationId: string, bytes: Buffer) {
    const kind = await this.findHost(this.db.manager, caller, organisationId);
    const records = await readCsvTable(bytes, HIRING_NEEDS_CSV_COLUMNS);
    const programmeIdOf = await readProgrammeCells(this.db);
    const report = new RowReport();
    const firstRowOf = new Map<string, number>();
    const inputs = await mapRows(records, ({ row, values }) => {
      const programmeId = programmeIdOf(values.programme);
      if (!programmeId) {
        report.add(row, 'programme', {
          code: 'import.unknown_value',
          message: `unknown or ambiguous programme '${values.programme}'`,
          params: { value: values.programme },
        });
      }
      const key = `${programmeId}/${values.year}`;
      const first = firstRowOf.get(key);
      if (programmeId && first !== undefined) {
        report.add(row, 'year', {
          code: 'import.repeated_value',
          message: `programme and year are repeated from row ${first}`,
          params: { value: `${values.programme} ${values.year}`, line: first + 1 },
        });
      } else firstRowOf.set(key, row);
      const plain = { programmeId, year: toNumber(values.year), count: toNumber(values.count) };
      return validateRow(HiringNeedDto, plain, row, report, {}, programmeId ? [] : ['programmeId']);
    });
    if (!report.ok) throw new InvalidRowsError(report.errors, report.invalidRows);
    return this.db.transaction(async (db) => {
      await this.upsert(db, organisationId, kind, inputs as HiringNeedDto[]);
      return { organisationId, items: await this.items(db, organisationId) };
    });
  }

  /** The host's kind, once the caller may manage its needs. */
  private async findHost(
    db: EntityManager,
    caller: AuthUser,
    organisationId: string,
    lock = false,
  ): Promise<string> {
    if (caller.role !== 'admin' && caller.organisationId !== organisationId) {
      throw new ForbiddenError('reviewers state the hiring needs of their own organisation only');
    }
    const [host]: { kind: string }[] = await db.query(
      `SELECT kind FROM organisations WHERE id = $1 AND kind = ANY($2::text[])
       ${lock ? 'FOR UPDATE' : ''}`,
      [organisationId, HOST_KINDS],
    );
    if (!host) throw new NotAnEmployerError(organisationId);
    return host.kind;
  }

  private async assertProgrammesExist(db: EntityManager, items: readonly HiringNeedDto[]) {
    const ids = [...new Set(items.map((item) => item.programmeId))];
    const found: { id: string }[] = await db.query(
      `SELECT id FROM programmes WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const known = new Set(found.map((row) => row.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UnknownProgrammesError(unknown);
  }

  private async upsert(
    db: EntityManager,
    organisationId: string,
    kind: string,
    items: readonly HiringNeedDto[],
  ): Promise<void> {
    if (items.length === 0) return;
    await db.query(
      `INSERT INTO hiring_needs (organisation_id, organisation_kind, programme_id, year, count)
       SELECT $1, $2, i.programme_id, i.year, i.count
       FROM unnest($3::uuid[], $4::smallint[], $5::int[]) AS i(programme_id, year, count)
       ON CONFLICT (organisation_id, programme_id, year)
       DO UPDATE SET count = EXCLUDED.count, updated_at = now()`,
      [
        organisationId,
        kind,
        items.map((item) => item.programmeId),
        items.map((item) => item.year),
        items.map((item) => item.count),
      ],
    );
  }

  private items(db: EntityManager, organisationId: string): Promise<HiringNeedView[]> {
    return db.query(
      `SELECT h.programme_id AS "programmeId", p.code AS "programmeCode",
              p.name AS "programmeName", o.name AS "schoolName", o.slug AS "schoolSlug",
              h.year::int AS year, h.count,
              h.updated_at AS "updatedAt"
       FROM hiring_needs h JOIN programmes p ON p.id = h.programme_id
       JOIN organisations o ON o.id = p.school_id
       WHERE h.organisation_id = $1 ORDER BY h.year, p.name, o.name`,
      [organisationId],
    );
  }
}

function assertDistinct(items: readonly HiringNeedDto[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = `${item.programmeId}/${item.year}`;
    if (seen.has(key)) throw new DuplicateHiringNeedError(item.programmeId, item.year);
    seen.add(key);
  }
}

/** A CSV cell as a number for the DTO, or the text itself so the DTO names what is wrong. */
function toNumber(cell: string): number | string {
  return /^-?\d{1,9}$/.test(cell.trim()) ? Number(cell) : cell;
}
