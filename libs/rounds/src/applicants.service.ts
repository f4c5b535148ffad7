import { AuthUser } from '@app/accounts';
import { prepared, queryPrepared, Round, underEighteenOn } from '@app/database';
import { NotFoundError } from '@app/errors';
import { AccessLogService } from '@app/access-log';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InvalidPreferencesError, RoundNotFoundError, RoundStateError } from './rounds.errors';
import { ScoreParts, scoreApplicant, ScoringSlot, ScoringStudent } from './ordering/scoring';
import { orderApplicants } from './ordering/slot-ordering';
import { TicketMemo } from './ordering/ticket-memo';

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
  /**
   * Whether the applicant is old enough for the slot on its first day, both as they were when the
   * round opened; the birth date stays hidden.
   */
  meetsMinimumAge: boolean;
  /**
   * Under 18 on the slot's first day (as the slot stood when the round opened): accepting an
   * offer needs a guardian's consent.
   */
  underEighteen: boolean;
  /** The period the student can take a placement in (ISO dates). */
  availableFrom: string;
  availableTo: string;
  score: ScoreParts;
  /** The host's own ranking of the applicant, or null when left to the score. */
  hostRank: number | null;
  /** The host marked the applicant not acceptable: the matching never places them here. */
  notAcceptable: boolean;
  /** Position in the slot's order as the matching will use it; null when not acceptable. */
  position: number | null;
}

/** Round states in which a host may rank or mark its applicants: until the run. */
export const RANKABLE: readonly Round['status'][] = ['open', 'closed'];

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
  'underEighteen',
  'availableFrom',
  'availableTo',
];
/** How many of the ids that are not applicants an error names; it counts them all. */
const NAMED_STRANGERS = 20;
const LIST_ROUTE = 'GET /api/rounds/:id/slots/:slotId/applicants';
const RANK_ROUTE = 'PUT /api/rounds/:id/slots/:slotId/ranking';
const MARK_ROUTE = 'PUT /api/rounds/:id/slots/:slotId/applicants/:studentId/not-acceptable';
const UNMARK_ROUTE = 'DELETE /api/rounds/:id/slots/:slotId/applicants/:studentId/not-acceptable';

@Injectable()
export class ApplicantsService {
  private readonly tickets = new TicketMemo();

  constructor(
    private readonly dataSource: DataSource,
    private readonly accessLog: AccessLogService,
  ) {}

  /** One prepared statement and the access record, however many applicants. */
  /** The purpose names the route, and a download its format, in the access log. */
  async list(
    caller: AuthUser,
    roundId: string,
    slotId: string,
    purpose = LIST_ROUTE,
  ): Promise<ApplicantView[]> {
    const rows = await queryPrepared<SlotApplicantRow>(
      this.dataSource,
      SLOT_APPLICANTS,
      slotApplicantsParams(caller, roundId, slotId),
    );
    const applicants = this.orderVisible(caller, roundId, slotId, rows);
    await this.recordRead(caller, purpose, applicants);
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
      await assertRankable(db, roundId, slotId, studentIds);
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

  /**
   * Marks an applicant not acceptable for the slot (or takes the mark back), while the host
   * may rank: the run then leaves the pair out. Their ranking, if any, is kept for an undo.
   */
  async markNotAcceptable(
    caller: AuthUser,
    roundId: string,
    slotId: string,
    studentId: string,
    notAcceptable: boolean,
  ): Promise<ApplicantView[]> {
    return this.dataSource.transaction(async (db) => {
      const round = await this.findRound(db, roundId);
      await this.assertMaySeeSlot(db, caller, roundId, slotId);
      if (!RANKABLE.includes(round.status))
        throw new RoundStateError('mark applicants in', round.status, RANKABLE);
      const [applied] = await db.query(
        `SELECT 1 FROM preferences WHERE round_id = $1 AND slot_id = $2 AND student_id = $3`,
        [roundId, slotId, studentId],
      );
      if (!applied) throw new NotFoundError('Applicant', studentId);
      if (notAcceptable) {
        await db.query(
          `INSERT INTO not_acceptable_applicants (round_id, slot_id, student_id, marked_by)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [roundId, slotId, studentId, caller.id],
        );
      } else {
        await db.query(
          `DELETE FROM not_acceptable_applicants
            WHERE round_id = $1 AND slot_id = $2 AND student_id = $3`,
          [roundId, slotId, studentId],
        );
      }
      const rows = await db.query<SlotApplicantRow[]>(
        SLOT_APPLICANTS.text,
        slotApplicantsParams(caller, roundId, slotId),
      );
      const applicants = this.orderVisible(caller, roundId, slotId, rows);
      await this.recordRead(caller, notAcceptable ? MARK_ROUTE : UNMARK_ROUTE, applicants, db);
      return applicants;
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

/**
 * Refuses a ranking that names anyone who did not apply for the slot. A ranking can never be
 * longer than the slot's applicants, so one count refuses a longer list before any work per id;
 * then one statement finds the ids that are not applicants, counted in full and the first
 * NAMED_STRANGERS of them in the list's order, so the error stays short however long the list.
 */
async function assertRankable(
  db: EntityManager,
  roundId: string,
  slotId: string,
  studentIds: string[],
): Promise<void> {
  const [{ applicants }] = await db.query<{ applicants: number }[]>(
    `SELECT count(*)::int AS applicants FROM preferences WHERE round_id = $1 AND slot_id = $2`,
    [roundId, slotId],
  );
  if (studentIds.length > applicants) {
    throw new InvalidPreferencesError(
      `studentIds: ${studentIds.length} ids, but the slot has ${applicants} ` +
        `applicant${applicants === 1 ? '' : 's'}; a ranking lists applicants only`,
      'studentIds',
      { count: studentIds.length, applicants },
    );
  }
  const strangers = await db.query<{ id: string; total: number }[]>(
    `SELECT x.id, (count(*) OVER ())::int AS total
       FROM unnest($3::uuid[]) WITH ORDINALITY AS x(id, n)
      WHERE NOT EXISTS (SELECT 1 FROM preferences p
                         WHERE p.round_id = $1 AND p.slot_id = $2 AND p.student_id = x.id)
      ORDER BY x.n
      LIMIT ${NAMED_STRANGERS}`,
    [roundId, slotId, studentIds],
  );
  if (strangers.length === 0) return;
  const total = strangers[0].total;
  const named = strangers.map((row) => row.id);
  const more = total > named.length ? ` and ${total - named.length} more` : '';
  throw new InvalidPreferencesError(
    `studentIds: ${total} of the ids did not apply for this slot: ${named.join(', ')}${more}`,
    'studentIds',
    { count: total, studentIds: named },
  );
}

/**
 * A row per applicant to slot $2 in round $1, with what the reviewer may see. The age check
 * uses the minimum age and first day the slot had when the round opened (kept on round_slots):
 * editing the slot cannot move the question, so the answer, one yes or no per round, cannot be
 * narrowed down to a birth date.
 */
const APPLICANT_ROWS_SQL = `SELECT st.id AS "studentId", st.full_name AS "fullName", st.skills, st.interests, st.languages,
          st.motivation, st.programme_id AS "programmeId", pr.name AS "programmeName",
          sc.id AS "schoolId", sc.name AS "schoolName", r.rank AS "hostRank",
          (rsl.min_age IS NULL OR st.birth_date + make_interval(years => rsl.min_age) <= rsl.starts_on)
            AS "meetsMinimumAge",
          ${underEighteenOn('st.birth_date', 'rsl.starts_on')} AS "underEighteen",
          st.available_from::text AS "availableFrom", st.available_to::text AS "availableTo",
          na.student_id IS NOT NULL AS "notAcceptable"
     FROM preferences p
     JOIN round_slots rsl ON rsl.round_id = p.round_id AND rsl.slot_id = p.slot_id
     JOIN students st ON st.id = p.student_id
     JOIN programmes pr ON pr.id = st.programme_id
     JOIN organisations sc ON sc.id = st.school_id
     LEFT JOIN rankings r ON r.round_id = p.round_id AND r.slot_id = p.slot_id AND r.student_id = p.student_id
     LEFT JOIN not_acceptable_applicants na
       ON na.round_id = p.round_id AND na.slot_id = p.slot_id AND na.student_id = p.student_id
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

/**
 * Scores each applicant and puts them in the order the matching will use; those marked not
 * acceptable are not in it (the run leaves them out) and follow, by name.
 */
function orderedViews(
  tickets: TicketMemo,
  seed: string,
  slot: ScoringSlot,
  rows: ApplicantRow[],
): ApplicantView[] {
  const scored = rows.map((row) => ({ row, score: scoreApplicant(row, slot) }));
  const acceptable = rows.filter((row) => !row.notAcceptable);
  const hostRanking = acceptable
    .filter((row) => row.hostRank !== null)
    .sort((a, b) => a.hostRank! - b.hostRank!)
    .map((row) => row.studentId);
  const order = orderApplicants(
    scored
      .filter(({ row }) => !row.notAcceptable)
      .map(({ row, score }) => ({ studentId: row.studentId, score })),
    hostRanking,
    tickets.ticketsFor(
      seed,
      rows.map((row) => row.studentId),
    ),
  );
  const position = new Map(order.map((id, index) => [id, index + 1]));
  return scored
    .map(({ row, score }) => toApplicantView(row, score, position.get(row.studentId) ?? null))
    .sort(
      (a, b) =>
        (a.position ?? Infinity) - (b.position ?? Infinity) ||
        a.fullName.localeCompare(b.fullName, 'da') ||
        (a.studentId < b.studentId ? -1 : 1),
    );
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
  underEighteen: boolean;
  availableFrom: string;
  availableTo: string;
  notAcceptable: boolean;
}

function toApplicantView(
  row: ApplicantRow,
  score: ScoreParts,
  position: number | null,
): ApplicantView {
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
    underEighteen: row.underEighteen,
    availableFrom: row.availableFrom,
    availableTo: row.availableTo,
    score,
    hostRank: row.hostRank,
    notAcceptable: row.notAcceptable,
    position,
  };
}
