import { returnedRows, Round, RoundStatus } from '@app/database';
import { NotificationsService, PreferenceRemindersService } from '@app/notifications';
import { JobName, jobIds, QueueName } from '@app/queues';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { CreateRoundInput, UpdateRoundInput } from './dto';
import { MAX_PREFERENCES } from './preferences/preferences.service';
import { exportRoundInstance } from './run/round-market';
import {
  breaksOneOpenRound,
  FOLLOW_UP_FROM,
  ROUND_TRANSITIONS,
  RoundAction,
  transitionSql,
} from './round-lifecycle';
import { roundSummary, RoundSummary } from './round-summary';
import {
  closingDay,
  ELIGIBLE_STUDENTS,
  OpeningPreview,
  previewOpening,
  SLOTS_WITH_FREE_SEATS,
} from './round-opening';
import {
  AnotherRoundOpenError,
  NoFreeSlotsError,
  RoundNotFoundError,
  RoundStateError,
  RoundWindowError,
} from './rounds.errors';

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

  /** A draft round, read back with the seed commitment the database derived. */
  async create(input: CreateRoundInput, parentRoundId: string | null = null): Promise<Round> {
    const saved = await this.rounds.save(
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
    return this.get(saved.id);
  }

  /** The round as the matching engine reads it, with its lottery: for replaying a run elsewhere. */
  async instance(id: string) {
    return exportRoundInstance(this.dataSource.manager, await this.get(id));
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

  /** The outcome of the round's stored run (students, matched, unplaced, choices); null before. */
  summary(round: Round): Promise<RoundSummary | null> {
    return roundSummary(this.dataSource.manager, round);
  }

  /** What opening the draft would take: its slots, their seats and the students it would tell. */
  async openingPreview(id: string): Promise<OpeningPreview> {
    const round = await this.get(id);
    if (round.status !== 'draft')
      throw new RoundStateError('preview opening', round.status, ['draft']);
    return previewOpening(this.dataSource.manager, round);
  }

  /**
   * Opens the preference window. The round takes every open slot that still has free seats and
   * has not ended by the time preferences close; its seats are those left after accepted
   * placements and open offers from earlier rounds. Without such a slot it does not open: the
   * students would be told to rank with nothing to rank. Nor while another round is open
   * (ONE_OPEN_ROUND_INDEX): of two concurrent openings, the second fails here.
   */
  async open(id: string): Promise<Round> {
    const opened = await this.transitionToOpen(id);
    await this.scheduleReminders(opened);
    return opened;
  }

  private async transitionToOpen(id: string): Promise<Round> {
    try {
      return await this.takeSlotsAndOpen(id);
    } catch (error) {
      if (!breaksOneOpenRound(error)) throw error;
      const open = await this.rounds.findOne({
        where: { status: 'open' },
        select: { id: true, name: true },
      });
      throw new AnotherRoundOpenError(open);
    }
  }

  private takeSlotsAndOpen(id: string): Promise<Round> {
    return this.transition(id, 'open', async (db, round) => {
      const taken = returnedRows(
        await db.query(
          `INSERT INTO round_slots (round_id, slot_id, seats)
           SELECT $2, slot_id, free FROM (${SLOTS_WITH_FREE_SEATS}) open_slots RETURNING slot_id`,
          [closingDay(round), round.id],
        ),
      );
      if (taken.length === 0) throw new NoFreeSlotsError();
      await this.announceOpening(db, round);
    });
  }

  /** Changes a draft's name, window or answer days; a round that has opened keeps its terms. */
  async updateDraft(id: string, change: UpdateRoundInput): Promise<Round> {
    await this.dataSource.transaction(async (db) => {
      const round = await this.lock(db, id);
      if (round.status !== 'draft') throw new RoundStateError('edit', round.status, ['draft']);
      const next = { ...round, ...definedFields(change) };
      if (next.preferencesCloseAt <= next.preferencesOpenAt) throw new RoundWindowError();
      await db.getRepository(Round).update(id, definedFields(change));
    });
    return this.get(id);
  }

  /** Deletes a draft, which nothing refers to yet (a follow-up draft leaves its parent alone). */
  async deleteDraft(id: string): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      const round = await this.lock(db, id);
      if (round.status !== 'draft') throw new RoundStateError('delete', round.status, ['draft']);
      await db.query(`DELETE FROM rounds WHERE id = $1`, [id]);
    });
  }

  /**
   * Tells every student who may take part (no offer or placement yet) that the window is open:
   * a follow-up round is announced as such.
   */
  private async announceOpening(db: EntityManager, round: Round): Promise<void> {
    const students = await db.query<{ userId: string }[]>(
      `SELECT user_id AS "userId" FROM (${ELIGIBLE_STUDENTS}) eligible`,
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

  /**
   * Closes the preference window and counts, per slot, how many students put it at each rank:
   * the figures reviewers see from now on (ReportsService.demand), fixed so that no later
   * change to the applicant list can be set against them.
   */
  close(id: string): Promise<Round> {
    return this.transition(id, 'close', async (db, round) => {
      await db.query(
        `UPDATE round_slots rs SET ranks_at_close = counted.ranks
           FROM (SELECT rs2.slot_id, array_agg(COALESCE(pc.n, 0) ORDER BY g) AS ranks
                   FROM round_slots rs2 CROSS JOIN generate_series(1, $2::int) g
                   LEFT JOIN (SELECT slot_id, rank, count(*)::int AS n FROM preferences
                               WHERE round_id = $1 GROUP BY slot_id, rank) pc
                     ON pc.slot_id = rs2.slot_id AND pc.rank = g
                  WHERE rs2.round_id = $1 GROUP BY rs2.slot_id) counted
          WHERE rs.round_id = $1 AND rs.slot_id = counted.slot_id`,
        [round.id, MAX_PREFERENCES],
      );
    });
  }

  /**
   * Asks the worker to run the matching. A request while the round is already `matching` adds
   * the same job id again, which BullMQ ignores while the job exists and which re-queues a job
   * that was lost: a no-op in the first case, a repair in the second.
   */
  async requestRun(id: string): Promise<Round> {
    const round = await this.dataSource.transaction(async (db) => {
      const current = await this.lock(db, id);
      const { from, to } = ROUND_TRANSITIONS.run;
      if (current.status === to) return current;
      if (!includes(from, current.status)) throw new RoundStateError('run', current.status, from);
      const [updated] = returnedRows<{ run_requests: number }>(
        await db.query(
          `${transitionSql('run', 'run_requests = run_requests + 1')} RETURNING run_requests`,
          [id],
        ),
      );
      return { ...current, status: to, runRequests: updated.run_requests };
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
    await this.dataSource.query(transitionSql('release the run of'), [id]);
  }

  /** Rounds left `matching` (e.g. the queue was unreachable when the run was requested). */
  findMatching(): Promise<Round[]> {
    return this.rounds.findBy({ status: 'matching' });
  }

  /** Creates a follow-up round, as a draft, for unplaced students and released seats. */
  async followUp(id: string): Promise<Round> {
    const parent = await this.get(id);
    if (!FOLLOW_UP_FROM.includes(parent.status)) {
      throw new RoundStateError('follow up', parent.status, FOLLOW_UP_FROM);
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

  /**
   * Moves the round along its lifecycle (ROUND_TRANSITIONS): locks it, checks its state, sets the
   * new one and applies what goes with it in the same transaction (other libs pass theirs, e.g.
   * placements the offers of `publish`), then returns the round as it is now.
   */
  async transition(
    id: string,
    action: Exclude<RoundAction, 'run' | 'match'>,
    change: (db: EntityManager, round: Round) => Promise<unknown>,
  ): Promise<Round> {
    const { from } = ROUND_TRANSITIONS[action];
    await this.dataSource.transaction(async (db) => {
      const round = await this.lock(db, id);
      if (!includes(from, round.status)) throw new RoundStateError(action, round.status, from);
      await db.query(transitionSql(action), [id]);
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

function includes(states: readonly RoundStatus[], status: RoundStatus): boolean {
  return states.includes(status);
}

function definedFields<T extends object>(change: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(change).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
