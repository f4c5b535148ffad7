import { AuthUser } from '@app/accounts';
import { NotFoundError } from '@app/errors';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Round } from '@app/database';
import { RoundNotFoundError, RoundStateError } from '../rounds.errors';

export interface MissedSlotExplanation {
  rank: number;
  slotId: string;
  title: string;
  organisation: string;
  /**
   * `full`: every seat went to applicants the host ranked higher than you; `not_acceptable`: the
   * slot could not take you (the host's reason is not given).
   */
  reason: 'full' | 'not_acceptable';
  /** The host's rank of the last applicant it took (laveste optagne placering). */
  cutoff: number | null;
  /** Where the host's order placed you. */
  yourPosition: number | null;
  message: string;
}

export interface Explanation {
  roundId: string;
  assigned: { slotId: string; title: string; organisation: string; rank: number } | null;
  missed: MissedSlotExplanation[];
}

/** A student reads why once the round is published: before that the results are the admins'. */
const EXPLAINABLE: readonly Round['status'][] = ['published'];

/**
 * Why a student did not get a slot they ranked higher than the one they got. It reads the
 * cutoffs and the hosts' orders that the run stored, so the explanation is the run's own
 * reasoning, not a second opinion.
 */
@Injectable()
export class ExplanationsService {
  constructor(private readonly dataSource: DataSource) {}

  async explain(student: AuthUser, roundId: string): Promise<Explanation> {
    const db = this.dataSource.manager;
    const round = await db.getRepository(Round).findOneBy({ id: roundId });
    if (!round) throw new RoundNotFoundError(roundId);
    if (!EXPLAINABLE.includes(round.status)) {
      throw new RoundStateError('explain', round.status, EXPLAINABLE);
    }
    const [assignment] = await db.query(
      `SELECT a.slot_id AS "slotId", a.student_rank AS rank, s.title, o.name AS organisation
       FROM assignments a LEFT JOIN slots s ON s.id = a.slot_id
       LEFT JOIN organisations o ON o.id = s.organisation_id
       WHERE a.round_id = $1 AND a.student_id = $2`,
      [roundId, student.studentId],
    );
    if (!assignment) throw new NotFoundError('Your preferences in round', roundId);

    const missed = await db.query<MissedRow[]>(
      `SELECT p.rank, p.slot_id AS "slotId", s.title, o.name AS organisation,
              rs.cutoff_rank AS cutoff,
              array_position(so.student_ids, p.student_id)::int AS "yourPosition"
       FROM preferences p JOIN round_slots rs ON rs.round_id = p.round_id AND rs.slot_id = p.slot_id
       JOIN slots s ON s.id = p.slot_id JOIN organisations o ON o.id = s.organisation_id
       LEFT JOIN slot_orders so ON so.round_id = p.round_id AND so.slot_id = p.slot_id
       WHERE p.round_id = $1 AND p.student_id = $2 AND ($3::int IS NULL OR p.rank < $3)
       ORDER BY p.rank`,
      [roundId, student.studentId, assignment.rank],
    );
    return {
      roundId,
      assigned: assignment.slotId
        ? {
            slotId: assignment.slotId,
            title: assignment.title,
            organisation: assignment.organisation,
            rank: assignment.rank,
          }
        : null,
      missed: missed.map(explainMissed),
    };
  }
}

type MissedRow = Omit<MissedSlotExplanation, 'reason' | 'message'>;

/** The run stored each slot's order and cutoff: the reason follows from the two numbers. */
function explainMissed(slot: MissedRow): MissedSlotExplanation {
  // Not in the slot's order: the host marked the student not acceptable, or the student had
  // declined the slot before. Said the same neutral way either way (docs/MATCHING.md).
  if (slot.yourPosition === null) {
    return {
      ...slot,
      reason: 'not_acceptable',
      message: 'This slot could not take you in this round',
    };
  }
  return {
    ...slot,
    reason: 'full',
    message:
      `The slot was filled by applicants the host ranked higher than you: the last one taken ` +
      `was number ${slot.cutoff}, you were number ${slot.yourPosition}`,
  };
}
