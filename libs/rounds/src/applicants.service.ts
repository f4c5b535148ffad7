import { AuthUser } from '@app/accounts';
import { prepared, queryPrepared } from '@app/database/prepared-query';
import { NotFoundError } from '@app/errors';
import { AccessLogService } from '@app/privacy/access-log/access-log.service';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Round } from './round.entity';
import { InvalidPreferencesError, RoundNotFoundError, RoundStateError } from './rounds.errors';
import { ScoreParts, scoreApplicant, ScoringSlot, ScoringStudent } from './scoring';
import { orderApplicants } from './slot-ordering';
import { TicketMemo } from './ticket-memo';

/** What a reviewer may see of an applicant: what is needed to rank, and nothing more. */
export interface ApplicantView {
  studentId: string;
  fullName: string;
  programme: { id: string; name: string };
  school: { id: string; name: string };
  skills: string[];
  interests: string[];
  languages: string[];
  motivation: string;
  /** Whether the applicant is old enough for the slot on its first day; the birth date stays hidden. */
  meetsMinimumAge: boolean;
  score: ScoreParts;
  /** The host's own ranking of the applicant, or null when left to the score. */
  hostRank: number | null;
  /** Position in the slot's order as the matching will use it. */
  position: number;
}

const RANKABLE: readonly Round['status'][] = ['open', 'closed'];

/** What the applicant list shows of each student, as the access log names it. */
const APPLICANT_FIELDS = [
  'fullName',
  'programme',
  'school',
  'skills',
  'interests',
  'languages',
  'motivation',
  'meetsMinimumAge',
];
const LIST_ROUTE = 'GET /api/rounds/:id/slots/:slotId/applicants';
const RANK_ROUTE = 'PUT /api/rounds/:id/slots/:slotId/ranking';

@Injectable()
export class ApplicantsService {
  private readonly tickets = new TicketMemo();

  constructor(
    private readonly dataSource: DataSource,
    private readonly accessLog: AccessLogService,
  ) {}

  /** One prepared statement and the access record, however many applicants. */
  async list(caller: AuthUser, roundId: string, slotId: string): Promise<ApplicantView[]> {
    const rows = await queryPrepared<SlotApplicantRow>(
      this.dataSource,
      SLOT_APPLICANTS,
      slotApplicantsParams(caller, roundId, slotId),
    );
    const applicants = this.orderVisible(caller, roundId, slotId, rows);
    await this.recordRead(caller, LIST_ROUTE, applicants);
    return applicants;
  }

  /** Replaces the host's ranking; applicants left out are ranked after them by score. */
  async rank(
    caller: AuthUser,
    roundId: string,
    slotId: string,
    studentIds: string[],
  ): Promise<ApplicantView[]> {
    return this.dataSource.transaction(async (db) => {
      const round = await this.findRound(db, roundId);
      await this.assertMaySeeSlot(db, caller, roundId, slotId);
      if (!RANKABLE.includes(round.status))
        throw new RoundStateError('rank in', round.status, RANKABLE);
      const applicants = await db.query<{ student_id: string }[]>(
        `SELECT student_id FROM preferences WHERE round_id = $1 AND slot_id = $2`,
        [roundId, slotId],
      );
      const known = new Set(applicants.map((a) => a.student_id));
      const strangers = studentIds.filter((id) => !known.has(id));
      if (strangers.length > 0) {
        throw new InvalidPreferencesError(
          `studentIds: ${strangers.join(', ')} did not apply for this slot`,
          { studentIds: strangers },
        );
      }
      await db.query(`DELETE FROM rankings WHERE round_id = $1 AND slot_id = $2`, [
        roundId,
        slotId,
      ]);
      await db.query(
        `INSERT INTO rankings (round_id, slot_id, student_id, rank)
         SELECT $1, $2, x.student_id, x.rank FROM unnest($3::uuid[]) WITH ORDINALITY AS x(student_id, rank)`,
        [roundId, slotId, studentIds],
      );
      const rows = await db.query<SlotApplicantRow[]>(
        SLOT_APPLICANTS.text,
        slotApplicantsParams(caller, roundId, slotId),
      );
      const ranked = this.orderVisible(caller, roundId, slotId, rows);
      await this.recordRead(caller, RANK_ROUTE, ranked, db);
      return ranked;
    });
  }

  /** One row per applicant shown, in one statement. */
  private recordRead(
    caller: AuthUser,
    purpose: string,
    applicants: ApplicantView[],
    db?: EntityManager,
  ): Promise<void> {
    const ids = applicants.map((applicant) => applicant.studentId);
    return this.accessLog.recordList(caller, purpose, ids, APPLICANT_FIELDS, db);
  }

  private async findRound(db: EntityManager, roundId: string): Promise<Round> {
    const round = await db.getRepository(Round).findOneBy({ id: roundId });
    if (!round) throw new RoundNotFoundError(roundId);
    return round;
  }

  /** Reviewers see their own organisation's slots only; a slot of another is "not found". */
  private async assertMaySeeSlot(
    db: EntityManager,
    caller: AuthUser,
    roundId: string,
    slotId: string,
  ) {
    const [slot] = await db.query(
      `SELECT s.organisation_id FROM round_slots rs JOIN slots s ON s.id = rs.slot_id
       WHERE rs.round_id = $1 AND rs.slot_id = $2`,
      [roundId, slotId],
    );
    const visible =
      slot && (caller.role === 'admin' || slot.organisation_id === caller.organisationId);
    if (!visible) throw new NotFoundError('Slot', slotId);
  }

  /**
   * The applicants in the slot's order, from SLOT_APPLICANTS' rows; a round that does not exist
   * or a slot the caller may not see is "not found".
   */
  private orderVisible(
    caller: AuthUser,
    roundId: string,
    slotId: string,
    rows: SlotApplicantRow[],
  ): ApplicantView[] {
    const [found] = rows;
    if (!found) throw new RoundNotFoundError(roundId);
    const visible =
      found.organisationId !== null &&
      (caller.role === 'admin' || found.organisationId === caller.organisationId);
    if (!visible) throw new NotFoundError('Slot', slotId);
    const slot: ScoringSlot = {
      skills: found.slotSkills,
      language: found.slotLanguage,
      focusArea: found.slotFocusArea,
      programmeIds: found.slotProgrammeIds,
    };
    const applicantRows = rows.filter((row) => row.studentId !== null);
    return orderedViews(this.tickets, found.seed, slot, applicantRows);
  }
}

/** A row per applicant to slot $2 in round $1, with what the reviewer may see. */
const APPLICANT_ROWS_SQL = `SELECT st.id AS "studentId", st.full_name AS "fullName", st.skills, st.interests, st.languages,
          st.motivation, st.programme_id AS "programmeId", pr.name AS "programmeName",
          sc.id AS "schoolId", sc.name AS "schoolName", r.rank AS "hostRank",
          (sl.min_age IS NULL OR st.birth_date + make_interval(years => sl.min_age) <= sl.starts_on)
            AS "meetsMinimumAge"
     FROM preferences p
     JOIN slots sl ON sl.id = p.slot_id
     JOIN students st ON st.id = p.student_id
     JOIN programmes pr ON pr.id = st.programme_id
     JOIN organisations sc ON sc.id = st.school_id
     LEFT JOIN rankings r ON r.round_id = p.round_id AND r.slot_id = p.slot_id AND r.student_id = p.student_id
    WHERE p.round_id = $1 AND p.slot_id = $2`;

/**
 * The round's seed, the slot's host and scoring inputs, and, when the caller may see the slot
 * (`$4`: an admin; else the host is `$3`), a row per applicant: one row of nulls after the seed
 * when there are none or the caller may not see them, and no row when the round does not exist.
 */
const SLOT_APPLICANTS = prepared(
  'applicants-of-slot-in-round',
  `SELECT r.seed, s.organisation_id AS "organisationId", s.skills AS "slotSkills",
          s.language AS "slotLanguage", s.focus_area AS "slotFocusArea",
          array(SELECT sp.programme_id FROM slot_programmes sp WHERE sp.slot_id = s.id)
            AS "slotProgrammeIds",
          a.*
     FROM rounds r
     LEFT JOIN round_slots rs ON rs.round_id = r.id AND rs.slot_id = $2
     LEFT JOIN slots s ON s.id = rs.slot_id
     LEFT JOIN (${APPLICANT_ROWS_SQL}) a ON $4 OR s.organisation_id = $3
    WHERE r.id = $1`,
);

function slotApplicantsParams(caller: AuthUser, roundId: string, slotId: string): unknown[] {
  return [roundId, slotId, caller.organisationId ?? null, caller.role === 'admin'];
}

/** The slot's columns on every row; the applicant's are null on the row of a slot without any. */
type SlotApplicantRow = {
  seed: string;
  /** Null when the slot is not in the round. */
  organisationId: string | null;
  slotSkills: string[];
  slotLanguage: ScoringSlot['language'];
  slotFocusArea: ScoringSlot['focusArea'];
  slotProgrammeIds: string[];
} & ApplicantRow;

/** Scores each applicant and puts them in the order the matching will use. */
function orderedViews(
  tickets: TicketMemo,
  seed: string,
  slot: ScoringSlot,
  rows: ApplicantRow[],
): ApplicantView[] {
  const scored = rows.map((row) => ({ row, score: scoreApplicant(row, slot) }));
  const hostRanking = rows
    .filter((row) => row.hostRank !== null)
    .sort((a, b) => a.hostRank! - b.hostRank!)
    .map((row) => row.studentId);
  const order = orderApplicants(
    scored.map(({ row, score }) => ({ studentId: row.studentId, score })),
    hostRanking,
    tickets.ticketsFor(
      seed,
      rows.map((row) => row.studentId),
    ),
  );
  const position = new Map(order.map((id, index) => [id, index + 1]));
  return scored
    .map(({ row, score }) => toApplicantView(row, score, position.get(row.studentId)!))
    .sort((a, b) => a.position - b.position);
}

interface ApplicantRow extends ScoringStudent {
  studentId: string;
  fullName: string;
  motivation: string;
  programmeName: string;
  schoolId: string;
  schoolName: string;
  hostRank: number | null;
  meetsMinimumAge: boolean;
}

function toApplicantView(row: ApplicantRow, score: ScoreParts, position: number): ApplicantView {
  return {
    studentId: row.studentId,
    fullName: row.fullName,
    programme: { id: row.programmeId, name: row.programmeName },
    school: { id: row.schoolId, name: row.schoolName },
    skills: [...row.skills],
    interests: [...row.interests],
    languages: [...row.languages],
    motivation: row.motivation,
    meetsMinimumAge: row.meetsMinimumAge,
    score,
    hostRank: row.hostRank,
    position,
  };
}
