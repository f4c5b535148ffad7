import { isPlaced, PLACED_STATUSES, PlacementStatus } from '@app/database';
import { AuthUser } from '@app/accounts';
import { NotFoundError } from '@app/errors';
import { AccessLogService } from '@app/access-log';
import { enrolmentChainSql } from '@app/students';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ContestOutcomeDto, JobOffer, RecordOutcomeDto } from './dto/outcome.dto';
import {
  NoOutcomeYetError,
  PlacementNotFinishedError,
  PlacementNotTakenError,
} from './pipeline.errors';

export interface OutcomeView {
  placementId: string;
  /** The slot's last day has passed: the host may record the outcome. */
  periodEnded: boolean;
  outcome: { completed: boolean; jobOffer: JobOffer; recordedAt: Date } | null;
  /** The student's objection, if they made one; the host's record stays beside it. */
  contest: { reason: string; contestedAt: Date } | null;
}

/** One placement in the list of outcomes: who, where, when it ended, and what was recorded. */
export interface OutcomeListItem extends OutcomeView {
  student: { id: string; fullName: string };
  slot: { id: string; title: string; endsOn: string };
  host: { id: string; name: string };
  school: { id: string; name: string };
}

export interface OutcomeList {
  items: OutcomeListItem[];
  total: number;
}

interface OutcomeListRow {
  placementId: string;
  periodEnded: boolean;
  studentId: string;
  fullName: string;
  slotId: string;
  slotTitle: string;
  endsOn: string;
  hostId: string;
  hostName: string;
  schoolId: string;
  schoolName: string;
  completed: boolean | null;
  jobOffer: JobOffer | null;
  recordedAt: Date | null;
  contestReason: string | null;
  contestedAt: Date | null;
  total: number;
}

interface PlacementFacts {
  studentId: string;
  schoolId: string;
  hostId: string;
  status: PlacementStatus;
  periodEnded: boolean;
  /** The placement belongs to the caller, in their current or an earlier enrolment. */
  own: boolean;
}

const OUTCOME_FIELDS = ['outcome', 'contest'];

/**
 * The outcome (udfald) of a placement: completed or not, and whether a job offer followed. The
 * host's reviewer records it once the period has ended, the student reads it and may contest
 * it, their coordinator and admins read both. Owns the table placement_outcomes.
 */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
  ) {}

  async get(caller: AuthUser, placementId: string): Promise<OutcomeView> {
    return this.db.transaction(async (db) => {
      const facts = await this.findPlacement(db, placementId, caller);
      const mayRead =
        facts &&
        (caller.role === 'admin' ||
          facts.own ||
          (caller.role === 'reviewer' && caller.organisationId === facts.hostId) ||
          (caller.role === 'coordinator' && caller.organisationId === facts.schoolId));
      if (!facts || !mayRead) throw new NotFoundError('Placement', placementId);
      await this.log(db, caller, 'read', `GET /api/placements/:id/outcome`, facts.studentId);
      return this.view(db, placementId, facts.periodEnded);
    });
  }

  /**
   * The taken placements the caller may see with their outcomes, latest period first: a
   * student's own, a host's interns, a school's students, every one for admins. One query.
   */
  async list(
    caller: AuthUser,
    page: number,
    pageSize: number,
    purpose = 'GET /api/outcomes',
  ): Promise<OutcomeList> {
    const scope =
      caller.role === 'admin'
        ? '$3::uuid IS NULL'
        : caller.role === 'student'
          ? `p.student_id IN ${enrolmentChainSql('$3')}`
          : caller.role === 'reviewer'
            ? 's.organisation_id = $3'
            : 'st.school_id = $3';
    const scopeId = caller.role === 'student' ? caller.studentId : caller.organisationId;
    if (caller.role !== 'admin' && !scopeId) return { items: [], total: 0 };
    const rows: OutcomeListRow[] = await this.db.query(
      `SELECT p.id AS "placementId", s.ends_on < current_date AS "periodEnded",
              st.id AS "studentId", st.full_name AS "fullName",
              s.id AS "slotId", s.title AS "slotTitle", to_char(s.ends_on, 'YYYY-MM-DD') AS "endsOn",
              h.id AS "hostId", h.name AS "hostName", sc.id AS "schoolId", sc.name AS "schoolName",
              o.completed, o.job_offer AS "jobOffer", o.recorded_at AS "recordedAt",
              o.contest_reason AS "contestReason", o.contested_at AS "contestedAt",
              count(*) OVER ()::int AS total
         FROM placements p
         JOIN slots s ON s.id = p.slot_id
         JOIN students st ON st.id = p.student_id
         JOIN organisations h ON h.id = s.organisation_id
         JOIN organisations sc ON sc.id = st.school_id
         LEFT JOIN placement_outcomes o ON o.placement_id = p.id
        WHERE p.status = ANY($4::text[]) AND st.erased_at IS NULL
          AND ${scope}
        ORDER BY s.ends_on DESC, st.full_name, p.id
        LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize, caller.role === 'admin' ? null : scopeId, PLACED_STATUSES],
    );
    await this.accessLog.recordList(
      caller,
      purpose,
      [...new Set(rows.map((row) => row.studentId))],
      ['fullName', ...OUTCOME_FIELDS],
    );
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map((row) => ({
        placementId: row.placementId,
        periodEnded: row.periodEnded,
        student: { id: row.studentId, fullName: row.fullName },
        slot: { id: row.slotId, title: row.slotTitle, endsOn: row.endsOn },
        host: { id: row.hostId, name: row.hostName },
        school: { id: row.schoolId, name: row.schoolName },
        outcome:
          row.completed !== null && row.jobOffer && row.recordedAt
            ? { completed: row.completed, jobOffer: row.jobOffer, recordedAt: row.recordedAt }
            : null,
        contest:
          row.contestReason && row.contestedAt
            ? { reason: row.contestReason, contestedAt: row.contestedAt }
            : null,
      })),
    };
  }

  /** The host's reviewer, after the period; again to correct it (a contest stays). */
  async record(caller: AuthUser, placementId: string, input: RecordOutcomeDto) {
    return this.db.transaction(async (db) => {
      const facts = await this.findPlacement(db, placementId, caller, true);
      if (!facts || caller.role !== 'reviewer' || caller.organisationId !== facts.hostId) {
        throw new NotFoundError('Placement', placementId);
      }
      if (!isPlaced(facts.status)) throw new PlacementNotTakenError();
      if (!facts.periodEnded) throw new PlacementNotFinishedError();
      await db.query(
        `INSERT INTO placement_outcomes (placement_id, student_id, completed, job_offer, recorded_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (placement_id) DO UPDATE SET completed = EXCLUDED.completed,
           job_offer = EXCLUDED.job_offer, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
        [placementId, facts.studentId, input.completed, input.jobOffer, caller.id],
      );
      await this.log(db, caller, 'change', 'PUT /api/placements/:id/outcome', facts.studentId);
      return this.view(db, placementId, true);
    });
  }

  /** The student themself, once the host has recorded an outcome; again to reword it. */
  async contest(caller: AuthUser, placementId: string, input: ContestOutcomeDto) {
    return this.db.transaction(async (db) => {
      const facts = await this.findPlacement(db, placementId, caller, true);
      if (!facts || caller.role !== 'student' || !facts.own) {
        throw new NotFoundError('Placement', placementId);
      }
      // A CTE, so the answer is rows and not TypeORM's [rows, count] of an UPDATE.
      const [{ updated }]: { updated: number }[] = await db.query(
        `WITH changed AS (
           UPDATE placement_outcomes SET contest_reason = $2, contested_at = now()
           WHERE placement_id = $1 RETURNING 1
         ) SELECT count(*)::int AS updated FROM changed`,
        [placementId, input.reason],
      );
      if (updated === 0) throw new NoOutcomeYetError();
      return this.view(db, placementId, facts.periodEnded);
    });
  }

  private async findPlacement(
    db: EntityManager,
    placementId: string,
    caller: AuthUser,
    lock = false,
  ): Promise<PlacementFacts | undefined> {
    const [facts]: PlacementFacts[] = await db.query(
      `SELECT p.student_id AS "studentId", st.school_id AS "schoolId",
              s.organisation_id AS "hostId", p.status, s.ends_on < current_date AS "periodEnded",
              ($2::uuid IS NOT NULL AND p.student_id IN ${enrolmentChainSql('$2')}) AS own
       FROM placements p JOIN slots s ON s.id = p.slot_id JOIN students st ON st.id = p.student_id
       WHERE p.id = $1 AND st.erased_at IS NULL ${lock ? 'FOR UPDATE OF p' : ''}`,
      [placementId, caller.studentId],
    );
    return facts;
  }

  private async view(db: EntityManager, placementId: string, periodEnded: boolean) {
    const [row]: {
      completed: boolean;
      jobOffer: JobOffer;
      recordedAt: Date;
      contestReason: string | null;
      contestedAt: Date | null;
    }[] = await db.query(
      `SELECT completed, job_offer AS "jobOffer", recorded_at AS "recordedAt",
              contest_reason AS "contestReason", contested_at AS "contestedAt"
       FROM placement_outcomes WHERE placement_id = $1`,
      [placementId],
    );
    return {
      placementId,
      periodEnded,
      outcome: row
        ? { completed: row.completed, jobOffer: row.jobOffer, recordedAt: row.recordedAt }
        : null,
      contest:
        row?.contestReason && row.contestedAt
          ? { reason: row.contestReason, contestedAt: row.contestedAt }
          : null,
    } satisfies OutcomeView;
  }

  private log(
    db: EntityManager,
    caller: AuthUser,
    action: 'read' | 'change',
    purpose: string,
    studentId: string,
  ): Promise<void> {
    return this.accessLog.record(
      caller,
      { action, purpose, entries: [{ studentId, fields: OUTCOME_FIELDS }] },
      db,
    );
  }
}
