import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProgrammeLevel } from '@app/database';

/** A programme with the school that offers it, as every signed-in role may read it. */
export interface ProgrammeView {
  id: string;
  code: string;
  name: string;
  level: ProgrammeLevel;
  school: { id: string; name: string };
}

export interface ProgrammeFilter {
  schoolId?: string;
  page: number;
  pageSize: number;
}

/**
 * The programmes (uddannelser) of the alliance's schools: reference data that a reviewer needs
 * to name the programmes a slot is open to. Names and codes only, nothing about students.
 */
@Injectable()
export class ProgrammesService {
  constructor(private readonly db: DataSource) {}

  /** One page, ordered by school and name, and the total, in two statements. */
  async list(filter: ProgrammeFilter): Promise<{ items: ProgrammeView[]; total: number }> {
    const schoolId = filter.schoolId ?? null;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<(Omit<ProgrammeView, 'school'> & { schoolId: string; schoolName: string })[]>(
        `SELECT p.id, p.code, p.name, p.level, o.id AS "schoolId", o.name AS "schoolName"
           FROM programmes p JOIN organisations o ON o.id = p.school_id
          WHERE ($1::uuid IS NULL OR p.school_id = $1)
          ORDER BY o.name, p.name, p.id
          LIMIT $2 OFFSET $3`,
        [schoolId, filter.pageSize, (filter.page - 1) * filter.pageSize],
      ),
      this.db.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM programmes WHERE ($1::uuid IS NULL OR school_id = $1)`,
        [schoolId],
      ),
    ]);
    return {
      items: rows.map(({ schoolId: id, schoolName: name, ...programme }) => ({
        ...programme,
        school: { id, name },
      })),
      total,
    };
  }
}
