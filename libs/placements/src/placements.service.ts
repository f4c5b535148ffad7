import { AuthUser } from '@app/accounts';
import { AccessLogService } from '@app/access-log';
import {
  isActive,
  isPlaced,
  OPEN_OFFER_STATUSES,
  Placement,
  PlacementStatus,
  placementStatusIn,
  underEighteenOn,
} from '@app/database';
import { JobName, jobIds, QueueName } from '@app/queues';
import { RoundsService } from '@app/rounds';
import { SlotContact, slotSeats } from '@app/slots';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { OfferNotifications } from './offer-notifications';
import {
  AlreadyHasPlacementError,
  CapacityReachedError,
  GuardianRequiredError,
  NotAcceptedError,
  OfferNotOpenError,
  PlacementNotFoundError,
} from './placements.errors';

/**
 * The parent or guardian (forælder/værge) a student under 18 names when accepting: they get a
 * one-time link by e-mail and consent (samtykke) or refuse themselves.
 */
export interface GuardianNomination {
  name: string;
  email: string;
  /** The language of their e-mail; the student's own by default. */
  language?: 'da' | 'en';
}

export const GUARDIAN_CONSENT_STATES = ['awaiting', 'confirmed', 'refused', 'expired'] as const;
export type GuardianConsentState = (typeof GUARDIAN_CONSENT_STATES)[number];

/** The latest request to a guardian: the student sees whom they named, staff only the state. */
export interface GuardianConsentView {
  state: GuardianConsentState;
  requestedAt: Date;
  answeredAt: Date | null;
  guardian?: { name: string; email: string };
}

export interface PlacementView {
  id: string;
  roundId: string;
  studentId: string;
  slotId: string;
  status: Placement['status'];
  /** An open offer or a place (ACTIVE_PLACEMENT_STATUSES): its student ranks in no new round. */
  active: boolean;
  offeredAt: Date;
  deadlineAt: Date;
  answeredAt: Date | null;
  confirmedAt: Date | null;
  /** The student was under 18 on the slot's first day: accepting needs a guardian's consent. */
  needsGuardianConsent: boolean;
  guardianConsentAt: Date | null;
  /** Students, coordinators and admins; reviewers learn only the status awaiting_guardian. */
  guardianConsent?: GuardianConsentView | null;
  /** The slot's period as it stands (ISO dates). */
  slot: {
    title: string;
    startsOn: string;
    endsOn: string;
    /** Where the intern goes, and whom they contact there (see SlotView). */
    site: string;
    contact: SlotContact;
    organisation: { id: string; name: string };
  };
  student?: { fullName: string; email: string | null };
}

/** Which placements each role sees. */
const SCOPES: Record<AuthUser['role'], string> = {
  admin: '$1::uuid IS NULL',
  coordinator: 'st.school_id = $1',
  reviewer: 's.organisation_id = $1',
  student: 'p.student_id = $1',
};

/** Students who have not answered hear from us this long before the deadline. */
const REMIND_BEFORE_MS = 24 * 3600 * 1000;

const EXPIRY_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

@Injectable()
export class PlacementsService {
  private readonly logger = new Logger(PlacementsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    @InjectQueue(QueueName.Offers) private readonly offersQueue: Queue,
    private readonly accessLog: AccessLogService,
    private readonly offerNotifications: OfferNotifications,
  ) {}

  /**
   * Turns a matched round's assignments into offers with one deadline, and schedules the one
   * delayed job that expires whatever is still unanswered then.
   */
  async publish(roundId: string) {
    const round = await this.rounds.transition(roundId, 'publish', async (db) => {
      await db.query(
        // Under 18 on the slot's first day: accepting needs a guardian's consent. Decided here,
        // once, so the CHECK on placements can hold the accept to it. Erased students get none.
        `INSERT INTO placements (round_id, student_id, slot_id, offered_at, deadline_at,
                                 needs_guardian_consent)
         SELECT a.round_id, a.student_id, a.slot_id, now(), now() + r.offer_answer_days * interval '1 day',
                ${underEighteenOn('st.birth_date', 'sl.starts_on')}
         FROM assignments a JOIN rounds r ON r.id = a.round_id
         JOIN students st ON st.id = a.student_id JOIN slots sl ON sl.id = a.slot_id
         WHERE a.round_id = $1 AND a.slot_id IS NOT NULL AND st.erased_at IS NULL`,
        [roundId],
      );
      await this.offerNotifications.offersMade(db, roundId);
      await this.offerNotifications.roundSummary(db, roundId);
      await this.offerNotifications.roundOutcome(db, roundId);
    });
    await this.scheduleExpiry(roundId);
    await this.scheduleReminder(roundId);
    return round;
  }

  /** One reminder job per round, a day before the deadline (at once if that has passed). */
  async scheduleReminder(roundId: string): Promise<void> {
    const deadline = await this.nextDeadline(roundId);
    if (!deadline) return;
    const delay = Math.max(0, deadline.getTime() - REMIND_BEFORE_MS - Date.now());
    await this.offersQueue.add(
      JobName.RemindOffer,
      { roundId },
      { ...EXPIRY_JOB_OPTIONS, jobId: jobIds.remindOffers(roundId), delay },
    );
  }

  /** Reminds students who have not answered yet; returns how many notifications were written. */
  remindDue(roundId: string): Promise<number> {
    return this.dataSource.transaction((db) =>
      this.offerNotifications.remindUnanswered(db, roundId),
    );
  }

  /** The earliest deadline of the round's unanswered offers, or null when none is left. */
  private async nextDeadline(roundId: string): Promise<Date | null> {
    const [next] = await this.dataSource.query<{ deadline: Date | null }[]>(
      `SELECT min(deadline_at) AS deadline FROM placements
       WHERE round_id = $1 AND ${placementStatusIn(OPEN_OFFER_STATUSES)}`,
      [roundId],
    );
    return next?.deadline ?? null;
  }

  /** Idempotent: the job id is the round's, and the job re-reads the deadlines. */
  async scheduleExpiry(roundId: string): Promise<void> {
    const deadline = await this.nextDeadline(roundId);
    if (!deadline) return;
    const jobId = jobIds.expireOffers(roundId);
    const delay = Math.max(0, deadline.getTime() - Date.now());
    const existing = await this.offersQueue.getJob(jobId);
    if (existing && (await existing.isDelayed())) {
      await existing.changeDelay(delay); // a deadline moved: the one job follows it
      return;
    }
    await this.offersQueue.add(
      JobName.ExpireOffer,
      { roundId },
      { ...EXPIRY_JOB_OPTIONS, jobId, delay },
    );
  }

  /**
   * Expires the round's offers whose deadline has passed, unanswered or still awaiting the
   * guardian (whose seat is given back and whose request closes); returns how many.
   */
  async expireDue(roundId: string): Promise<number> {
    const expired = await this.dataSource.transaction(async (db) => {
      const rows = await db.query<{ id: string; slotId: string; was: PlacementStatus }[]>(
        `WITH due AS (
           SELECT id, slot_id, status FROM placements
           WHERE round_id = $1 AND ${placementStatusIn(OPEN_OFFER_STATUSES)}
             AND deadline_at <= now()
           FOR UPDATE
         ), expired AS (
           UPDATE placements p SET status = 'expired', answered_at = now()
           FROM due WHERE p.id = due.id RETURNING p.id, due.slot_id, due.status AS was
         ), closed AS (
           UPDATE guardian_consents g SET outcome = 'expired', answered_at = now()
           FROM expired WHERE g.placement_id = expired.id AND g.outcome IS NULL
         )
         SELECT id, slot_id AS "slotId", was FROM expired`,
        [roundId],
      );
      const heldSeats = rows.filter((row) => row.was === 'awaiting_guardian');
      await slotSeats.release(
        db,
        heldSeats.map((row) => row.slotId),
      );
      await this.offerNotifications.expired(
        db,
        rows.map((row) => row.id),
      );
      return rows;
    });
    if (expired.length > 0)
      this.logger.log({ msg: 'offers expired', roundId, count: expired.length });
    return expired.length;
  }

  async list(
    caller: AuthUser,
    page: number,
    pageSize: number,
    filter: { roundId?: string; placementId?: string } = {},
    purpose = 'GET /api/placements',
  ) {
    const scopeValue = caller.role === 'student' ? caller.studentId : caller.organisationId;
    const params = [
      caller.role === 'admin' ? null : scopeValue,
      filter.roundId ?? null,
      filter.placementId ?? null,
    ];
    const from = `FROM placements p JOIN students st ON st.id = p.student_id
                  JOIN slots s ON s.id = p.slot_id JOIN organisations o ON o.id = s.organisation_id
                  JOIN users u ON u.id = st.user_id
                  LEFT JOIN LATERAL (
                    SELECT outcome, requested_at, answered_at, guardian_name, guardian_email
                    FROM guardian_consents WHERE placement_id = p.id
                    ORDER BY requested_at DESC, id DESC LIMIT 1
                  ) g ON true
                  WHERE ${SCOPES[caller.role]} AND ($2::uuid IS NULL OR p.round_id = $2)
                    AND ($3::uuid IS NULL OR p.id = $3)`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<PlacementRow[]>(
        `SELECT p.id, p.round_id AS "roundId", p.student_id AS "studentId", p.slot_id AS "slotId",
                p.status, p.offered_at AS "offeredAt", p.deadline_at AS "deadlineAt",
                p.answered_at AS "answeredAt", p.confirmed_at AS "confirmedAt",
                p.needs_guardian_consent AS "needsGuardianConsent",
                p.guardian_consent_at AS "guardianConsentAt",
                s.title, s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn",
                s.site, s.contact_name AS "contactName", s.contact_email AS "contactEmail",
                s.contact_phone AS "contactPhone", o.id AS "organisationId", o.name AS "organisationName",
                st.full_name AS "fullName", u.email,
                g.outcome AS "consentOutcome", g.requested_at AS "consentRequestedAt",
                g.answered_at AS "consentAnsweredAt", g.guardian_name AS "guardianName",
                g.guardian_email AS "guardianEmail"
         ${from} ORDER BY p.offered_at DESC, p.id LIMIT $4 OFFSET $5`,
        [...params, pageSize, (page - 1) * pageSize],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    const items = rows.map((row) => toView(row, caller));
    await this.recordRead(caller, items, purpose);
    return { items, total };
  }

  /** Staff see the student's name, and the e-mail where the view shows it. */
  private recordRead(caller: AuthUser, items: PlacementView[], purpose: string): Promise<void> {
    const entries = items.flatMap(({ studentId, student }) =>
      student ? [{ studentId, fields: student.email ? ['fullName', 'email'] : ['fullName'] }] : [],
    );
    return this.accessLog.record(caller, {
      action: 'read',
      purpose,
      entries,
    });
  }

  /**
   * Accepts an offer. Two conditional updates in one transaction: the offer must still be open,
   * and the slot must have a free seat (`seats_taken < capacity`, also a CHECK). Concurrent
   * accepts on a full slot therefore fail with 409 instead of overfilling it.
   *
   * A student under 18 names a guardian instead of consenting for them: the seat is taken now
   * and held while the placement awaits the guardian, who gets a one-time link by e-mail
   * (GuardianConsentsService); it becomes accepted only when they consent before the deadline.
   * A guardian named by an adult is ignored.
   */
  accept(
    student: AuthUser,
    placementId: string,
    guardian?: GuardianNomination,
  ): Promise<PlacementView> {
    return this.answer(student, placementId, async (db, placement) => {
      if (placement.needsGuardianConsent && !guardian) throw new GuardianRequiredError();
      if (!(await slotSeats.take(db, placement.slotId))) throw new CapacityReachedError();
      if (!placement.needsGuardianConsent || !guardian) return 'accepted';
      const [request] = await db.query<{ id: string }[]>(
        `INSERT INTO guardian_consents (placement_id, student_id, guardian_name, guardian_email,
                                        language, expires_at)
         SELECT p.id, p.student_id, $2, $3, coalesce($4, u.language, 'da'), p.deadline_at
         FROM placements p JOIN students st ON st.id = p.student_id
         LEFT JOIN users u ON u.id = st.user_id
         WHERE p.id = $1 RETURNING id`,
        [placement.id, guardian.name, guardian.email, guardian.language ?? null],
      );
      await this.offerNotifications.guardianAsked(db, request.id);
      return 'awaiting_guardian';
    });
  }

  decline(student: AuthUser, placementId: string): Promise<PlacementView> {
    return this.answer(student, placementId, async () => 'declined');
  }

  async confirm(reviewer: AuthUser, placementId: string): Promise<PlacementView> {
    await this.dataSource.transaction(async (db) => {
      const placement = await this.findVisible(db, reviewer, placementId, true);
      if (placement.status !== 'accepted') throw new NotAcceptedError(placement.status);
      await db.query(
        `UPDATE placements SET status = 'confirmed', confirmed_at = now(), confirmed_by = $2 WHERE id = $1`,
        [placementId, reviewer.id],
      );
      await this.offerNotifications.confirmed(db, placementId);
    });
    return this.view(reviewer, placementId);
  }

  private async answer(
    student: AuthUser,
    placementId: string,
    decide: (
      db: EntityManager,
      placement: Placement,
    ) => Promise<'accepted' | 'awaiting_guardian' | 'declined'>,
  ): Promise<PlacementView> {
    try {
      await this.dataSource.transaction(async (db) => {
        const placement = await this.findVisible(db, student, placementId, true);
        const expired = placement.deadlineAt.getTime() <= Date.now();
        if (placement.status !== 'offered' || expired) {
          throw new OfferNotOpenError(placement.status, expired);
        }
        const status = await decide(db, placement);
        await db.query(`UPDATE placements SET status = $2, answered_at = now() WHERE id = $1`, [
          placementId,
          status,
        ]);
        // The host hears of a minor's accept once the guardian has consented.
        if (status !== 'awaiting_guardian') {
          await this.offerNotifications.answered(db, placementId, `offer.${status}`);
        }
        if (status === 'declined') await this.offerNotifications.declinedByStudent(db, placementId);
      });
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        uniqueViolation(error, 'placements_one_active_per_student')
      ) {
        throw new AlreadyHasPlacementError();
      }
      throw error;
    }
    return this.view(student, placementId);
  }

  private async findVisible(
    db: EntityManager,
    caller: AuthUser,
    placementId: string,
    lock = false,
  ): Promise<Placement & { organisationId: string }> {
    const query = db
      .getRepository(Placement)
      .createQueryBuilder('p')
      .innerJoin('slots', 's', 's.id = p.slot_id')
      .addSelect('s.organisation_id', 'organisation_id')
      .where('p.id = :placementId', { placementId });
    if (lock) query.setLock('pessimistic_write', undefined, ['p']);
    const { entities, raw } = await query.getRawAndEntities();
    const placement = entities[0];
    const organisationId = raw[0]?.organisation_id as string | undefined;
    const visible =
      placement &&
      ((caller.role === 'student' && placement.studentId === caller.studentId) ||
        (caller.role === 'reviewer' && organisationId === caller.organisationId));
    if (!visible) throw new PlacementNotFoundError(placementId);
    return Object.assign(placement, { organisationId: organisationId! });
  }

  private async view(caller: AuthUser, placementId: string): Promise<PlacementView> {
    const { items } = await this.list(caller, 1, 1, { placementId });
    return items[0];
  }
}

interface PlacementRow {
  id: string;
  roundId: string;
  studentId: string;
  slotId: string;
  status: Placement['status'];
  offeredAt: Date;
  deadlineAt: Date;
  answeredAt: Date | null;
  confirmedAt: Date | null;
  needsGuardianConsent: boolean;
  guardianConsentAt: Date | null;
  title: string;
  startsOn: string;
  endsOn: string;
  site: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  organisationId: string;
  organisationName: string;
  fullName: string;
  email: string;
  consentOutcome: Exclude<GuardianConsentState, 'awaiting'> | null;
  consentRequestedAt: Date | null;
  consentAnsweredAt: Date | null;
  guardianName: string | null;
  guardianEmail: string | null;
}

/** Reviewers see the intern's e-mail only once the offer is accepted. */
function toView(row: PlacementRow, caller: AuthUser): PlacementView {
  const view: PlacementView = {
    id: row.id,
    roundId: row.roundId,
    studentId: row.studentId,
    slotId: row.slotId,
    status: row.status,
    active: isActive(row.status),
    offeredAt: row.offeredAt,
    deadlineAt: row.deadlineAt,
    answeredAt: row.answeredAt,
    confirmedAt: row.confirmedAt,
    needsGuardianConsent: row.needsGuardianConsent,
    guardianConsentAt: row.guardianConsentAt,
    slot: {
      title: row.title,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      site: row.site,
      contact: { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
      organisation: { id: row.organisationId, name: row.organisationName },
    },
  };
  if (caller.role !== 'student') {
    const contact = caller.role !== 'reviewer' || isPlaced(row.status);
    view.student = { fullName: row.fullName, email: contact ? row.email : null };
  }
  if (caller.role !== 'reviewer') view.guardianConsent = guardianView(row, caller);
  return view;
}

function guardianView(row: PlacementRow, caller: AuthUser): GuardianConsentView | null {
  if (!row.consentRequestedAt) return null;
  const view: GuardianConsentView = {
    state: row.consentOutcome ?? 'awaiting',
    requestedAt: row.consentRequestedAt,
    answeredAt: row.consentAnsweredAt,
  };
  // Whom the student named is theirs to see; staff see only how far the consent has come.
  if (caller.role === 'student' && row.guardianName && row.guardianEmail) {
    view.guardian = { name: row.guardianName, email: row.guardianEmail };
  }
  return view;
}

function uniqueViolation(error: QueryFailedError, constraint: string): boolean {
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
