import { returnedRows } from '@app/database';
import { ENGINE_VERSION, MatchingInstance } from '@app/matching';
import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { Round } from './round.entity';
import { loadRoundInstance } from './round-market';
import { runMatchingInThread, ThreadResult } from './run-matching';

export type RunOutcome = 'matched' | 'skipped';

export class UnstableMatchingError extends Error {}

/**
 * The worker's side of a round run. The round row is the truth: a run only proceeds while the
 * round is `matching`, and writes everything (assignments, cutoffs, run record, status) in one
 * transaction that first claims the round, so a run repeated after a crash or by a second worker
 * either writes the identical result once or does nothing.
 */
@Injectable()
export class RoundRunner {
  private readonly logger = new Logger(RoundRunner.name);

  constructor(private readonly dataSource: DataSource) {}

  async run(roundId: string): Promise<RunOutcome> {
    const started = performance.now();
    const round = await this.dataSource.getRepository(Round).findOneBy({ id: roundId });
    if (!round || round.status !== 'matching') {
      this.logger.log({ msg: 'round run skipped', roundId, status: round?.status ?? 'missing' });
      return 'skipped';
    }
    const instance = await loadRoundInstance(this.dataSource.manager, roundId, round.seed);
    const loaded = performance.now();
    const result = await runMatchingInThread(instance, round.proposer);
    if (result.blockingPairs.length > 0) {
      throw new UnstableMatchingError(
        `round ${roundId}: ${result.blockingPairs.length} blocking pairs`,
      );
    }
    const matched = performance.now();
    const outcome = await this.dataSource.transaction((db) =>
      this.persist(db, round, instance, result, started),
    );
    this.logger.log({
      msg: `round run ${outcome}`,
      roundId,
      students: result.stats.students,
      matched: result.stats.matched,
      loadMs: Math.round(loaded - started),
      matchMs: Math.round(matched - loaded),
      persistMs: Math.round(performance.now() - matched),
    });
    return outcome;
  }

  private async persist(
    db: EntityManager,
    round: Round,
    instance: MatchingInstance,
    result: ThreadResult,
    started: number,
  ): Promise<RunOutcome> {
    const claimed = await db.query(
      `UPDATE rounds SET status = 'matched', matched_at = now()
       WHERE id = $1 AND status = 'matching' RETURNING id`,
      [round.id],
    );
    if (returnedRows(claimed).length === 0) return 'skipped';

    const students = instance.students;
    await db.query(
      `INSERT INTO assignments (round_id, student_id, slot_id, student_rank)
       SELECT $1, x.student_id, x.slot_id, x.student_rank
       FROM unnest($2::uuid[], $3::uuid[], $4::smallint[]) AS x(student_id, slot_id, student_rank)`,
      [
        round.id,
        students.map((s) => s.id),
        students.map((s) => result.assignments[s.id]),
        students.map((s) => rankOf(s.preferences, result.assignments[s.id])),
      ],
    );
    const cutoffs = slotCutoffs(instance, result.assignments);
    await db.query(
      `UPDATE round_slots rs SET filled = x.filled, cutoff_rank = x.cutoff
       FROM unnest($2::uuid[], $3::int[], $4::int[]) AS x(slot_id, filled, cutoff)
       WHERE rs.round_id = $1 AND rs.slot_id = x.slot_id`,
      [
        round.id,
        cutoffs.map((c) => c.slotId),
        cutoffs.map((c) => c.filled),
        cutoffs.map((c) => c.cutoff),
      ],
    );
    await db.query(
      `INSERT INTO round_runs (round_id, input_hash, seed, engine_version, proposer, blocking_pairs,
                               students, slots, matched, proposals, match_ms, total_ms)
       VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9, $10, $11)`,
      [
        round.id,
        instanceHash(instance),
        round.seed,
        ENGINE_VERSION,
        round.proposer,
        result.stats.students,
        result.stats.slots,
        result.stats.matched,
        result.stats.proposals,
        result.stats.elapsedMs,
        performance.now() - started,
      ],
    );
    return 'matched';
  }
}

function rankOf(preferences: readonly string[], slotId: string | null): number | null {
  return slotId === null ? null : preferences.indexOf(slotId) + 1;
}

/**
 * Each slot's seats taken and cutoff: the slot's own rank of the last student it took, when it
 * is full. A student the slot ranks after the cutoff was turned away for lack of room.
 */
export function slotCutoffs(
  instance: MatchingInstance,
  assignments: Readonly<Record<string, string | null>>,
): { slotId: string; filled: number; cutoff: number | null }[] {
  return instance.slots.map((slot) => {
    let filled = 0;
    let lastTaken = 0;
    slot.preferences.forEach((studentId, index) => {
      if (assignments[studentId] === slot.id) {
        filled += 1;
        lastTaken = index + 1;
      }
    });
    return { slotId: slot.id, filled, cutoff: filled === slot.capacity ? lastTaken : null };
  });
}

/** SHA-256 of the instance as canonical JSON: proves which input a stored result came from. */
export function instanceHash(instance: MatchingInstance): string {
  return createHash('sha256').update(JSON.stringify(instance)).digest('hex');
}
