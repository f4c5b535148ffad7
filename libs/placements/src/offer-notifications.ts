import { OPEN_OFFER_STATUSES, placementStatusIn } from '@app/database';
import { NotificationInput, NotificationsService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

interface OfferRow {
  placementId: string;
  roundId: string;
  studentUserId: string;
  slotTitle: string;
  organisationName: string;
  organisationId: string;
  studentId: string;
  deadline: Date;
}

/** The columns every offer notification is built from, for the placements a filter selects. */
const OFFERS = `
  SELECT p.id AS "placementId", p.round_id AS "roundId", st.user_id AS "studentUserId",
         st.id AS "studentId", s.title AS "slotTitle", o.name AS "organisationName",
         o.id AS "organisationId", p.deadline_at AS deadline, p.status
  FROM placements p JOIN students st ON st.id = p.student_id
  JOIN slots s ON s.id = p.slot_id JOIN organisations o ON o.id = s.organisation_id`;

/** An offer with what its e-mail says of the period and of a guardian's consent. */
interface OfferMadeRow extends OfferRow {
  slotId: string;
  startsOn: string;
  endsOn: string;
  needsGuardianConsent: boolean;
}

interface GuardianRequestRow extends OfferRow {
  consentId: string;
  startsOn: string;
  endsOn: string;
}

/** An open guardian request with the offer it is about. */
const GUARDIAN_REQUESTS = `
  SELECT g.id AS "consentId", p.id AS "placementId", p.round_id AS "roundId",
         st.user_id AS "studentUserId", st.id AS "studentId", s.title AS "slotTitle",
         o.name AS "organisationName", o.id AS "organisationId", p.deadline_at AS deadline,
         s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn"
  FROM guardian_consents g JOIN placements p ON p.id = g.placement_id
  JOIN students st ON st.id = p.student_id
  JOIN slots s ON s.id = p.slot_id JOIN organisations o ON o.id = s.organisation_id`;

/**
 * The notifications that follow an offer's life, written to the outbox in the caller's
 * transaction: each is sent if and only if the change that causes it commits. Recipients are
 * found with set-based queries, one per event, however many offers are involved.
 */
@Injectable()
export class OfferNotifications {
  constructor(private readonly notifications: NotificationsService) {}

  async offersMade(db: EntityManager, roundId: string): Promise<void> {
    const offers = await db.query<OfferMadeRow[]>(
      `SELECT q.*, s.id AS "slotId", s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn",
              p.needs_guardian_consent AS "needsGuardianConsent"
         FROM (${OFFERS} WHERE p.round_id = $1 AND p.status = 'offered') q
         JOIN placements p ON p.id = q."placementId" JOIN slots s ON s.id = p.slot_id`,
      [roundId],
    );
    await this.notifications.emitAll(
      db,
      offers.map((offer) => ({
        event: 'offer.made',
        recipientUserId: offer.studentUserId,
        subjectId: offer.placementId,
        payload: {
          ...offerPayload(offer),
          roundId,
          deadline: offer.deadline.toISOString(),
          slotId: offer.slotId,
          startsOn: offer.startsOn,
          endsOn: offer.endsOn,
          needsGuardianConsent: offer.needsGuardianConsent,
        },
      })),
    );
  }

  /**
   * To students who have still not answered, and to the guardians who have not answered yet
   * (and their students): the deadline is near.
   */
  async remindUnanswered(db: EntityManager, roundId: string): Promise<number> {
    const offers = await db.query<(OfferRow & { status: string })[]>(
      `${OFFERS} WHERE p.round_id = $1 AND p.${placementStatusIn(OPEN_OFFER_STATUSES)}
                   AND p.deadline_at > now()`,
      [roundId],
    );
    const toStudents = await this.notifications.emitAll(
      db,
      offers.map((offer) => ({
        event: offer.status === 'offered' ? 'offer.reminder' : 'guardian.consent.waiting',
        recipientUserId: offer.studentUserId,
        subjectId: offer.placementId,
        payload: { ...offerPayload(offer), deadline: offer.deadline.toISOString() },
      })),
    );
    const requests = await db.query<GuardianRequestRow[]>(
      `${GUARDIAN_REQUESTS} WHERE p.round_id = $1 AND p.status = 'awaiting_guardian'
         AND g.outcome IS NULL AND g.expires_at > now()`,
      [roundId],
    );
    const toGuardians = await this.notifications.emitToGuardians(
      db,
      requests.map((request) => ({
        event: 'guardian.consent.reminder',
        guardianConsentId: request.consentId,
        subjectId: request.consentId,
        payload: guardianPayload(request),
      })),
    );
    return toStudents + toGuardians;
  }

  /** To the guardian a minor named: the one-time link is drawn when the message goes out. */
  async guardianAsked(db: EntityManager, consentId: string): Promise<void> {
    const [request] = await db.query<GuardianRequestRow[]>(`${GUARDIAN_REQUESTS} WHERE g.id = $1`, [
      consentId,
    ]);
    await this.notifications.emitToGuardians(db, [
      {
        event: 'guardian.consent.requested',
        guardianConsentId: consentId,
        subjectId: consentId,
        payload: guardianPayload(request),
      },
    ]);
  }

  /** To the student: what their guardian answered. Subject: the request, answered once. */
  async guardianAnswered(
    db: EntityManager,
    placementId: string,
    consentId: string,
    outcome: 'confirmed' | 'refused',
  ): Promise<void> {
    const [offer] = await db.query<OfferRow[]>(`${OFFERS} WHERE p.id = $1`, [placementId]);
    const input =
      outcome === 'confirmed'
        ? ({ event: 'guardian.consent.confirmed', payload: offerPayload(offer) } as const)
        : ({
            event: 'guardian.consent.refused',
            payload: { ...offerPayload(offer), deadline: offer.deadline.toISOString() },
          } as const);
    await this.notifications.emit(db, {
      ...input,
      recipientUserId: offer.studentUserId,
      subjectId: consentId,
    });
  }

  /** To the host's reviewers: a student accepted or declined. */
  async answered(
    db: EntityManager,
    placementId: string,
    event: 'offer.accepted' | 'offer.declined',
  ) {
    const [offer] = await db.query<OfferRow[]>(`${OFFERS} WHERE p.id = $1`, [placementId]);
    await this.notifications.emitAll(
      db,
      (await this.reviewersOf(db, [offer.organisationId])).map(({ userId }) => ({
        event,
        recipientUserId: userId,
        subjectId: placementId,
        payload: { ...offerPayload(offer), studentId: offer.studentId },
      })),
    );
  }

  /** To the students whose offers expired, and to the reviewers of the seats freed. */
  async expired(db: EntityManager, placementIds: readonly string[]): Promise<void> {
    if (placementIds.length === 0) return;
    const offers = await db.query<OfferRow[]>(`${OFFERS} WHERE p.id = ANY($1::uuid[])`, [
      placementIds,
    ]);
    const reviewers = await this.reviewersOf(db, [...new Set(offers.map((o) => o.organisationId))]);
    const inputs: NotificationInput[] = offers.flatMap((offer) => [
      {
        event: 'offer.expired' as const,
        recipientUserId: offer.studentUserId,
        subjectId: offer.placementId,
        payload: offerPayload(offer),
      },
      ...reviewers
        .filter((reviewer) => reviewer.organisationId === offer.organisationId)
        .map((reviewer) => ({
          event: 'offer.expired.reviewer' as const,
          recipientUserId: reviewer.userId,
          subjectId: offer.placementId,
          payload: { ...offerPayload(offer), studentId: offer.studentId },
        })),
    ]);
    await this.notifications.emitAll(db, inputs);
  }

  async confirmed(db: EntityManager, placementId: string): Promise<void> {
    const [offer] = await db.query<OfferRow[]>(`${OFFERS} WHERE p.id = $1`, [placementId]);
    await this.notifications.emit(db, {
      event: 'intern.confirmed',
      recipientUserId: offer.studentUserId,
      subjectId: placementId,
      payload: offerPayload(offer),
    });
  }

  /** To each school's coordinators: how many of their students got an offer in the round. */
  async roundSummary(db: EntityManager, roundId: string): Promise<void> {
    const rows = await db.query<
      { userId: string; roundName: string; placed: number; unplaced: number }[]
    >(
      `SELECT u.id AS "userId", r.name AS "roundName",
              count(*) FILTER (WHERE a.slot_id IS NOT NULL)::int AS placed,
              count(*) FILTER (WHERE a.slot_id IS NULL)::int AS unplaced
       FROM assignments a JOIN rounds r ON r.id = a.round_id
       JOIN students st ON st.id = a.student_id
       JOIN users u ON u.organisation_id = st.school_id AND u.role = 'coordinator'
       WHERE a.round_id = $1 GROUP BY u.id, r.name`,
      [roundId],
    );
    await this.notifications.emitAll(
      db,
      rows.map((row) => ({
        event: 'round.summary',
        recipientUserId: row.userId,
        subjectId: roundId,
        payload: { roundId, roundName: row.roundName, placed: row.placed, unplaced: row.unplaced },
      })),
    );
  }

  /**
   * When a round is published: to each student who ranked in it and got no place, what happens
   * next; to the reviewers of each host, how many were matched to their slots. Students who did
   * not take part (no assignment) are told nothing.
   */
  async roundOutcome(db: EntityManager, roundId: string): Promise<void> {
    const unplaced = await db.query<{ userId: string; roundName: string }[]>(
      `SELECT st.user_id AS "userId", r.name AS "roundName"
         FROM assignments a JOIN rounds r ON r.id = a.round_id
         JOIN students st ON st.id = a.student_id
        WHERE a.round_id = $1 AND a.slot_id IS NULL AND st.erased_at IS NULL`,
      [roundId],
    );
    const hosts = await db.query<
      { userId: string; roundName: string; matched: number; slots: number; deadline: Date }[]
    >(
      `SELECT u.id AS "userId", r.name AS "roundName", count(*)::int AS matched,
              count(DISTINCT p.slot_id)::int AS slots, max(p.deadline_at) AS deadline
         FROM placements p JOIN rounds r ON r.id = p.round_id
         JOIN slots s ON s.id = p.slot_id
         JOIN users u ON u.organisation_id = s.organisation_id AND u.role = 'reviewer'
        WHERE p.round_id = $1 GROUP BY u.id, r.name`,
      [roundId],
    );
    await this.notifications.emitAll(db, [
      ...unplaced.map((row) => ({
        event: 'round.unplaced' as const,
        recipientUserId: row.userId,
        subjectId: roundId,
        payload: { roundId, roundName: row.roundName },
      })),
      ...hosts.map((row) => ({
        event: 'round.matched.reviewer' as const,
        recipientUserId: row.userId,
        subjectId: roundId,
        payload: {
          roundId,
          roundName: row.roundName,
          matched: row.matched,
          slots: row.slots,
          deadline: row.deadline.toISOString(),
        },
      })),
    ]);
  }

  /** To the student who declined: the seat goes to others, and what happens next for them. */
  async declinedByStudent(db: EntityManager, placementId: string): Promise<void> {
    const [offer] = await db.query<OfferRow[]>(`${OFFERS} WHERE p.id = $1`, [placementId]);
    await this.notifications.emit(db, {
      event: 'offer.declined.student',
      recipientUserId: offer.studentUserId,
      subjectId: placementId,
      payload: offerPayload(offer),
    });
  }

  private reviewersOf(db: EntityManager, organisationIds: readonly string[]) {
    return db.query<{ userId: string; organisationId: string }[]>(
      `SELECT id AS "userId", organisation_id AS "organisationId" FROM users
       WHERE role = 'reviewer' AND organisation_id = ANY($1::uuid[])`,
      [organisationIds],
    );
  }
}

function guardianPayload(request: GuardianRequestRow) {
  return {
    ...offerPayload(request),
    consentId: request.consentId,
    studentId: request.studentId,
    startsOn: request.startsOn,
    endsOn: request.endsOn,
    deadline: request.deadline.toISOString(),
  };
}

function offerPayload(offer: OfferRow) {
  return {
    placementId: offer.placementId,
    slotTitle: offer.slotTitle,
    organisationName: offer.organisationName,
  };
}
