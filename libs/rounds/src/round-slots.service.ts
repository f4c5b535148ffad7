import { AuthUser } from '@app/accounts';
import { NotFoundError } from '@app/errors';
import { checkEligibility, EligibilitySlot, EligibilityStudent, SlotStatus } from '@app/slots';
import { SlotView } from '@app/slots/slot-view';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RoundNotFoundError } from './rounds.errors';

/** A slot of a round, with the seats it took into the round when the round opened. */
export interface RoundSlotView extends SlotView {
  seats: number;
}

interface RoundSlotRow extends Omit<RoundSlotView, 'organisation'> {
  organisationId: string;
  organisationName: string;
}

/** Which of the round's slots a role may list: the same scope as the slot list. */
const SCOPES: Record<AuthUser['role'], string> = {
  admin: 'TRUE',
  reviewer: 's.organisation_id = $2',
  coordinator: `s.status = 'open'`,
  // Students are filtered by eligibility in code (checkEligibility, the rule in one place).
  student: `s.status = 'open'`,
};

const VIEW_COLUMNS = `
  s.id, s.organisation_id AS "organisationId", o.name AS "organisationName", s.title,
  s.description, s.focus_area AS "focusArea", s.skills, s.language, s.min_age AS "minAge",
  s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn", s.capacity, s.site, s.status,
  rs.seats,
  COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p.name, p.id)
              FROM slot_programmes sp JOIN programmes p ON p.id = sp.programme_id
             WHERE sp.slot_id = s.id), '[]') AS programmes`;

const ORDER = 'ORDER BY s.starts_on, s.title, s.id';

/**
 * The slots a round took when it opened: the ones a student can rank in it. A slot posted, or
 * freed, after the round opened is not among them and waits for a later round.
 */
@Injectable()
export class RoundSlotsService {
  constructor(private readonly db: DataSource) {}

  async list(
    caller: AuthUser,
    roundId: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: RoundSlotView[]; total: number }> {
    const [round] = await this.db.query(`SELECT id FROM rounds WHERE id = $1`, [roundId]);
    if (!round) throw new RoundNotFoundError(roundId);
    if (caller.role === 'student') return this.listForStudent(caller, roundId, page, pageSize);
    const params = caller.role === 'reviewer' ? [roundId, caller.organisationId] : [roundId];
    const from = `FROM round_slots rs JOIN slots s ON s.id = rs.slot_id
                  JOIN organisations o ON o.id = s.organisation_id
                  WHERE rs.round_id = $1 AND ${SCOPES[caller.role]}`;
    const next = params.length + 1;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<RoundSlotRow[]>(
        `SELECT ${VIEW_COLUMNS} ${from} ${ORDER} LIMIT $${next} OFFSET $${next + 1}`,
        [...params, pageSize, (page - 1) * pageSize],
      ),
      this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return { items: rows.map(toRoundSlotView), total };
  }

  /**
   * The round's slots the student may take: every slot's eligibility inputs in one statement,
   * judged by the shared rule, then the page's views in one more.
   */
  private async listForStudent(caller: AuthUser, roundId: string, page: number, pageSize: number) {
    const student = await this.eligibilityProfile(caller);
    const candidates = await this.db.query<(EligibilitySlot & { id: string })[]>(
      `SELECT s.id, s.min_age AS "minAge", s.language, s.status,
              s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn",
              COALESCE(array_agg(sp.programme_id::text) FILTER (WHERE sp.programme_id IS NOT NULL),
                       '{}') AS "programmeIds"
         FROM round_slots rs JOIN slots s ON s.id = rs.slot_id
         LEFT JOIN slot_programmes sp ON sp.slot_id = s.id
        WHERE rs.round_id = $1 AND ${SCOPES.student}
        GROUP BY s.id ${ORDER}`,
      [roundId],
    );
    const eligible = candidates.filter((slot) => checkEligibility(student, slot).eligible);
    const ids = eligible.slice((page - 1) * pageSize, page * pageSize).map((slot) => slot.id);
    const rows =
      ids.length === 0
        ? []
        : await this.db.query<RoundSlotRow[]>(
            `SELECT ${VIEW_COLUMNS}
               FROM round_slots rs JOIN slots s ON s.id = rs.slot_id
               JOIN organisations o ON o.id = s.organisation_id
              WHERE rs.round_id = $1 AND rs.slot_id = ANY($2::uuid[]) ${ORDER}`,
            [roundId, ids],
          );
    return {
      items: rows.map((row) => ({
        ...toRoundSlotView(row),
        eligible: true,
        reasons: [],
        reasonMessages: [],
      })),
      total: eligible.length,
    };
  }

  private async eligibilityProfile(caller: AuthUser): Promise<EligibilityStudent> {
    const [student] = await this.db.query<EligibilityStudent[]>(
      `SELECT programme_id AS "programmeId", birth_date::text AS "birthDate", languages,
              available_from::text AS "availableFrom", available_to::text AS "availableTo"
         FROM students WHERE id = $1 AND erased_at IS NULL`,
      [caller.studentId],
    );
    // An erased student's token may outlive the account; the tombstone has no profile.
    if (!student) throw new NotFoundError('Student profile');
    return student;
  }
}

function toRoundSlotView({ organisationId, organisationName, ...row }: RoundSlotRow) {
  return {
    ...row,
    status: row.status as SlotStatus,
    organisation: { id: organisationId, name: organisationName },
  };
}
