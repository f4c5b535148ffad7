import { ACTIVE_PLACEMENT_STATUSES, placementStatusIn } from '@app/database';
import { AuthUser } from '@app/accounts';
import { NotFoundError } from '@app/errors';
import { checkEligibility, EligibilitySlot, EligibilityStudent } from '@app/slots';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Round } from '@app/database';
import {
  AlreadyPlacedError,
  IneligibleSlotError,
  InvalidPreferencesError,
  PreferenceWindowClosedError,
  RoundNotFoundError,
} from '../rounds.errors';

/** How many slots a student may rank in a round: the API's limit, and what the web app shows. */
export const MAX_PREFERENCES = 10;

export interface RankedSlot {
  rank: number;
  slotId: string;
  title: string;
  organisation: { id: string; name: string };
}

/** A student's prioriteringsliste in a round. */
@Injectable()
export class PreferencesService {
  constructor(private readonly dataSource: DataSource) {}

  async get(student: AuthUser, roundId: string): Promise<RankedSlot[]> {
    await this.findRound(this.dataSource.manager, roundId);
    return this.listOf(this.dataSource.manager, roundId, student.studentId!);
  }

  /**
   * Replaces the student's list while the window is open. Slots kept on the list keep the host's
   * ranking of the student; only slots taken off the list lose it.
   */
  async replace(student: AuthUser, roundId: string, slotIds: string[]): Promise<RankedSlot[]> {
    const studentId = student.studentId!;
    // The schema holds the same limit (a CHECK on preferences.rank).
    if (slotIds.length > MAX_PREFERENCES) {
      throw new InvalidPreferencesError(
        `At most ${MAX_PREFERENCES} slots may be ranked`,
        'slotIds',
      );
    }
    return this.dataSource.transaction(async (db) => {
      const round = await this.findRound(db, roundId, true);
      if (!windowIsOpen(round, new Date())) throw new PreferenceWindowClosedError();
      await this.assertNotPlaced(db, studentId);
      await this.assertEligible(db, roundId, studentId, slotIds);
      await db.query(
        `DELETE FROM preferences WHERE round_id = $1 AND student_id = $2 AND slot_id <> ALL($3::uuid[])`,
        [roundId, studentId, slotIds],
      );
      await db.query(
        `INSERT INTO preferences (round_id, student_id, slot_id, rank)
         SELECT $1, $2, x.slot_id, x.rank FROM unnest($3::uuid[]) WITH ORDINALITY AS x(slot_id, rank)
         ON CONFLICT (round_id, student_id, slot_id) DO UPDATE SET rank = EXCLUDED.rank`,
        [roundId, studentId, slotIds],
      );
      return this.listOf(db, roundId, studentId);
    });
  }

  private async findRound(db: EntityManager, roundId: string, lock = false): Promise<Round> {
    const query = db
      .getRepository(Round)
      .createQueryBuilder('r')
      .where('r.id = :roundId', { roundId });
    // A shared lock: many students rank at once, but the round cannot close underneath them.
    const round = await (lock ? query.setLock('pessimistic_read') : query).getOne();
    if (!round) throw new RoundNotFoundError(roundId);
    return round;
  }

  /** Students with an open offer or a placement take part in no further round. */
  private async assertNotPlaced(db: EntityManager, studentId: string): Promise<void> {
    const [active] = await db.query(
      `SELECT 1 FROM placements WHERE student_id = $1 AND ${placementStatusIn(ACTIVE_PLACEMENT_STATUSES)} LIMIT 1`,
      [studentId],
    );
    if (active) throw new AlreadyPlacedError();
  }

  private async assertEligible(
    db: EntityManager,
    roundId: string,
    studentId: string,
    slotIds: string[],
  ): Promise<void> {
    const [student] = await db.query<EligibilityStudent[]>(
      `SELECT programme_id AS "programmeId", to_char(birth_date, 'YYYY-MM-DD') AS "birthDate",
              languages, to_char(available_from, 'YYYY-MM-DD') AS "availableFrom",
              to_char(available_to, 'YYYY-MM-DD') AS "availableTo"
       FROM students WHERE id = $1 AND erased_at IS NULL`,
      [studentId],
    );
    // The token of an erased student may outlive the account; the tombstone ranks nothing.
    if (!student) throw new NotFoundError('Student', studentId);
    const slots = await db.query<(EligibilitySlot & { id: string })[]>(
      `SELECT s.id, s.min_age AS "minAge", s.language, s.status,
              to_char(s.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(s.ends_on, 'YYYY-MM-DD') AS "endsOn",
              COALESCE(array_agg(sp.programme_id) FILTER (WHERE sp.programme_id IS NOT NULL), '{}') AS "programmeIds"
       FROM round_slots rs JOIN slots s ON s.id = rs.slot_id
       LEFT JOIN slot_programmes sp ON sp.slot_id = s.id
       WHERE rs.round_id = $1 AND rs.slot_id = ANY($2::uuid[])
       GROUP BY s.id`,
      [roundId, slotIds],
    );
    const byId = new Map(slots.map((slot) => [slot.id, slot]));
    for (const slotId of slotIds) {
      const slot = byId.get(slotId);
      if (!slot) {
        throw new IneligibleSlotError(slotId, [
          { code: 'not_in_round', message: 'The slot is not part of this round' },
        ]);
      }
      const { eligible, reasons } = checkEligibility(student, slot);
      if (!eligible) throw new IneligibleSlotError(slotId, reasons);
    }
  }

  private async listOf(
    db: EntityManager,
    roundId: string,
    studentId: string,
  ): Promise<RankedSlot[]> {
    const rows = await db.query(
      `SELECT p.rank, s.id AS "slotId", s.title, o.id AS "organisationId", o.name AS "organisationName"
       FROM preferences p JOIN slots s ON s.id = p.slot_id JOIN organisations o ON o.id = s.organisation_id
       WHERE p.round_id = $1 AND p.student_id = $2 ORDER BY p.rank`,
      [roundId, studentId],
    );
    return rows.map((row: Record<string, string | number>) => ({
      rank: row.rank,
      slotId: row.slotId,
      title: row.title,
      organisation: { id: row.organisationId, name: row.organisationName },
    }));
  }
}

export function windowIsOpen(round: Round, now: Date): boolean {
  return (
    round.status === 'open' && now >= round.preferencesOpenAt && now < round.preferencesCloseAt
  );
}

/** SQL: `windowIsOpen` for the round aliased `round`, at the statement's time. */
export function windowIsOpenSql(round: string): string {
  return `(${round}.status = 'open' AND now() >= ${round}.preferences_open_at AND now() < ${round}.preferences_close_at)`;
}
