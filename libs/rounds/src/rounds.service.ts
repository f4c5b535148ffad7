import { returnedRows } from '@app/database';
import { NotificationsService, PreferenceRemindersService } from '@app/notifications';
import { JobName, jobIds, QueueName } from '@app/queues';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { CreateRoundInput } from './dto';
import { Round, RoundStatus } from './round.entity';
import { RoundNotFoundError, RoundStateError } from './rounds.errors';

const DAY_MS = 24 * 3600 * 1000;

/** Retries with backoff for a run that failed (e.g. the database went away mid-run). */
export const RUN_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

@Injectable()
export class RoundsService {
  private readonly logger = new Logger(RoundsService.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Round) private readonly rounds: Repository<Round>,
    @InjectQueue(QueueName.Matching) private readonly matchingQueue: Queue,
    private readonly notifications: NotificationsService,
    private readonly reminders: PreferenceRemindersService,
  ) {}

  create(input: CreateRoundInput, parentRoundId: string | null = null): Promise<Round> {
    return this.rounds.save(
      this.rounds.create({
        name: input.name,
        preferencesOpenAt: input.preferencesOpenAt ?? new Date(),
        preferencesCloseAt: input.preferencesCloseAt,
        offerAnswerDays: input.offerAnswerDays ?? 7,
        proposer: input.proposer ?? 'students',
        seed: input.seed ?? randomBytes(16).toString('hex'),
        parentRoundId,
      }),
    );
  }

  async list(page: number, pageSize: number) {
    const [items, total] = await this.rounds.findAndCount({
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  async get(id: string): Promise<Round> {
    const round = await this.rounds.findOneBy({ id });
    if (!round) throw new RoundNotFoundError(id);
    return round;
  }

  /**
   * Opens the preference window. The round takes every open slot that still has free seats and
   * has not ended by the time preferences close; its seats are those left after accepted
   * placements and open offers from earlier rounds.
   */
  async open(id: string): Promise<Round> {
    const opened = await this.transition(id, 'open', ['draft'], async (db, round) => {
      await db.query(
        `INSERT INTO round_slots (round_id, slot_id, seats)
         SELECT $1, id, free FROM (
           SELECT s.id, s.capacity - s.seats_taken - (
                    SELECT count(*) FROM placements p WHERE p.slot_id = s.id AND p.status = 'offered'
                  ) AS free
           FROM slots s WHERE s.status = 'open' AND s.ends_on >= $2::date
         ) open_slots
         WHERE free > 0`,
        [round.id, round.preferencesCloseAt.toISOString().slice(0, 10)],
      );
      await db.query(`UPDATE rounds SET status = 'open', opened_at = now() WHERE id = $1`, [
        round.id,
      ]);
      await this.announceOpening(db, round);
    });
    await this.scheduleReminders(opened);
    return opened;
  }

  /**
   * Tells every student who may take part (no offer or placement yet) that the window is open:
   * a follow-up round is announced as such.
   */
  private async announceOpening(db: EntityManager, round: Round): Promise<void> {
    const students = await db.query<{ userId: string }[]>(
      `SELECT st.user_id AS "userId" FROM students st
       WHERE st.erased_at IS NULL AND NOT EXISTS (
         SELECT 1 FROM placements p WHERE p.student_id = st.id
           AND p.status IN ('offered', 'accepted', 'confirmed'))`,
    );
    const payload = {
      roundId: round.id,
      roundName: round.name,
      closesAt: round.preferencesCloseAt.toISOString(),
    };
    const event = round.parentRoundId ? 'followup.opened' : 'round.opened';
    await this.notifications.emitAll(
      db,
      students.map(({ userId }) => ({
        event,
        recipientUserId: userId,
        subjectId: round.id,
        payload,
      })),
    );
  }

  /**
   * The 48- and 24-hour reminders are delayed jobs with fixed ids. If Redis is down now, the
   * worker schedules them again when it starts (QueueRecovery), so none is lost for good.
   */
  async scheduleReminders(round: Pick<Round, 'id' | 'preferencesCloseAt'>): Promise<void> {
    try {
      await this.reminders.schedulePreferenceReminders(round.id, round.preferencesCloseAt);
    } catch (error) {
      this.logger.warn({
        msg: 'preference reminders not scheduled yet',
        roundId: round.id,
        error: `${error}`,
      });
    }
  }

  /** Rounds whose preference window is open, for the worker to re-schedule their reminders. */
  findOpen(): Promise<Round[]> {
    return this.rounds.findBy({ status: 'open' });
  }

  close(id: string): Promise<Round> {
    return this.transition(id, 'close', ['open'], (db, round) =>
      db.query(`UPDATE rounds SET status = 'closed' WHERE id = $1`, [round.id]),
    );
  }

  /**
   * Asks the worker to run the matching. A request while the round is already `matching` adds
   * the same job id again, which BullMQ ignores while the job exists and which re-queues a job
   * that was lost: a no-op in the first case, a repair in the second.
   */
  async requestRun(id: string): Promise<Round> {
    const round = await this.dataSource.transaction(async (db) => {
      const current = await this.lock(db, id);
      if (current.status === 'matching') return current;
      if (current.status !== 'closed') {
        throw new RoundStateError('run', current.status, ['closed']);
      }
      const [updated] = returnedRows<{ run_requests: number }>(
        await db.query(
          `UPDATE rounds SET status = 'matching', run_requests = run_requests + 1
           WHERE id = $1 RETURNING run_requests`,
          [id],
        ),
      );
      return { ...current, status: 'matching' as const, runRequests: updated.run_requests };
    });
    await this.enqueueRun(round);
    return round;
  }

  enqueueRun(round: Pick<Round, 'id' | 'runRequests'>): Promise<unknown> {
    return this.matchingQueue.add(
      JobName.RunRound,
      { roundId: round.id },
      { ...RUN_JOB_OPTIONS, jobId: jobIds.runRound(round.id, round.runRequests) },
    );
  }

  /** Called when a run has failed for good: the round can be run again. */
  async releaseFailedRun(id: string): Promise<void> {
    await this.rounds.update({ id, status: 'matching' }, { status: 'closed' });
  }

  /** Rounds left `matching` (e.g. the queue was unreachable when the run was requested). */
  findMatching(): Promise<Round[]> {
    return this.rounds.findBy({ status: 'matching' });
  }

  /** Creates a follow-up round, as a draft, for unplaced students and released seats. */
  async followUp(id: string): Promise<Round> {
    const parent = await this.get(id);
    if (parent.status !== 'published') {
      throw new RoundStateError('follow up', parent.status, ['published']);
    }
    const now = Date.now();
    return this.create(
      {
        name: `${parent.name} – opfølgende runde`,
        preferencesOpenAt: new Date(now),
        preferencesCloseAt: new Date(now + 7 * DAY_MS),
        offerAnswerDays: parent.offerAnswerDays,
        proposer: parent.proposer,
      },
      parent.id,
    );
  }

  /** Locks the round, checks its state, applies a change and returns the round as it is now. */
  async transition(
    id: string,
    action: string,
    allowed: readonly RoundStatus[],
    change: (db: EntityManager, round: Round) => Promise<unknown>,
  ): Promise<Round> {
    await this.dataSource.transaction(async (db) => {
      const round = await this.lock(db, id);
      if (!allowed.includes(round.status)) throw new RoundStateError(action, round.status, allowed);
      await change(db, round);
    });
    return this.get(id);
  }

  private async lock(db: EntityManager, id: string): Promise<Round> {
    const round = await db
      .getRepository(Round)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
    if (!round) throw new RoundNotFoundError(id);
    return round;
  }
}
