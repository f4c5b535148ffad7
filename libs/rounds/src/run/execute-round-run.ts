import { ENGINE_VERSION, findBlockingPairs, matchInstance, MatchingInstance } from '@app/matching';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { transitionSql } from '../round-lifecycle';
import { computeRoundInstance, Queryable } from './round-market';
import { Proposer, RoundStatus } from '@app/database';

export type RunOutcome = 'matched' | 'skipped';

export interface RunReport {
  outcome: RunOutcome;
  students: number;
  matched: number;
  loadMs: number;
  matchMs: number;
  persistMs: number;
}

export class UnstableMatchingError extends Error {}

/**
 * One run of a round, from reading it to storing the result, on its own connection: this is
 * what the worker thread executes. The result is written in one transaction that first claims
 * the round (`matching` → `matched`), so a run repeated after a crash, or by a second worker,
 * either writes the identical result once or writes nothing.
 */
export async function executeRoundRun(client: Client, roundId: string): Promise<RunReport> {
  const db: Queryable = {
    query: async (sql, params) => (await client.query(sql, params)).rows as never,
  };
  const started = performance.now();
  const [round] = await db.query<{ seed: string; proposer: Proposer; status: RoundStatus }[]>(
    `SELECT seed, proposer, status FROM rounds WHERE id = $1`,
    [roundId],
  );
  if (round?.status !== 'matching') return skipped();

  const instance = await computeRoundInstance(db, roundId, round.seed);
  const loaded = performance.now();
  const result = matchInstance(instance, { proposer: round.proposer });
  const blockingPairs = findBlockingPairs(instance, result.assignments);
  if (blockingPairs.length > 0) {
    throw new UnstableMatchingError(`round ${roundId}: ${blockingPairs.length} blocking pairs`);
  }
  const matched = performance.now();

  await client.query('BEGIN');
  try {
    const claimed = await client.query(transitionSql('match'), [roundId]);
    if (claimed.rowCount === 0) {
      await client.query('ROLLBACK');
      return skipped();
    }
    await persist(db, roundId, round, instance, result.assignments, {
      ...result.stats,
      totalMs: performance.now() - started,
    });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return {
    outcome: 'matched',
    students: result.stats.students,
    matched: result.stats.matched,
    loadMs: loaded - started,
    matchMs: matched - loaded,
    persistMs: performance.now() - matched,
  };
}

function skipped(): RunReport {
  return { outcome: 'skipped', students: 0, matched: 0, loadMs: 0, matchMs: 0, persistMs: 0 };
}

interface RunStats {
  students: number;
  slots: number;
  matched: number;
  proposals: number;
  elapsedMs: number;
  totalMs: number;
}

async function persist(
  db: Queryable,
  roundId: string,
  round: { seed: string; proposer: Proposer },
  instance: MatchingInstance,
  assignments: Readonly<Record<string, string | null>>,
  stats: RunStats,
): Promise<void> {
  const students = instance.students;
  // The student's own rank of the slot, from their list as they wrote it: the instance's list
  // can be shorter (pairs the engine leaves out), so a position in it is not the student's rank.
  await db.query(
    `INSERT INTO assignments (round_id, student_id, slot_id, student_rank)
     SELECT $1, x.student_id, x.slot_id, p.rank
       FROM unnest($2::uuid[], $3::uuid[]) AS x(student_id, slot_id)
       LEFT JOIN preferences p
         ON p.round_id = $1 AND p.student_id = x.student_id AND p.slot_id = x.slot_id`,
    [roundId, students.map((s) => s.id), students.map((s) => assignments[s.id])],
  );
  const cutoffs = slotCutoffs(instance, assignments);
  await db.query(
    `UPDATE round_slots rs SET filled = x.filled, cutoff_rank = x.cutoff
     FROM unnest($2::uuid[], $3::int[], $4::int[]) AS x(slot_id, filled, cutoff)
     WHERE rs.round_id = $1 AND rs.slot_id = x.slot_id`,
    [
      roundId,
      cutoffs.map((c) => c.slotId),
      cutoffs.map((c) => c.filled),
      cutoffs.map((c) => c.cutoff),
    ],
  );
  await insertSlotOrders(db, roundId, instance);
  await db.query(
    `INSERT INTO round_runs (round_id, input_hash, seed, engine_version, proposer, blocking_pairs,
                             students, slots, matched, proposals, match_ms, total_ms)
     VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9, $10, $11)`,
    [
      roundId,
      instanceHash(instance),
      round.seed,
      ENGINE_VERSION,
      round.proposer,
      stats.students,
      stats.slots,
      stats.matched,
      stats.proposals,
      stats.elapsedMs,
      stats.totalMs,
    ],
  );
}

/**
 * Every slot's order of its applicants, as the engine used it: one array literal per slot, so
 * the database parses the ids without having to sort or group a million rows.
 */
async function insertSlotOrders(db: Queryable, roundId: string, instance: MatchingInstance) {
  await db.query(
    `INSERT INTO slot_orders (round_id, slot_id, student_ids)
     SELECT $1, x.slot_id, x.student_ids::uuid[]
     FROM unnest($2::uuid[], $3::text[]) AS x(slot_id, student_ids)`,
    [
      roundId,
      instance.slots.map((slot) => slot.id),
      instance.slots.map((slot) => `{${slot.preferences.join(',')}}`),
    ],
  );
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
