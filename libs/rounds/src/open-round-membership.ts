import { NotificationInput, NotificationsService } from '@app/notifications';
import { slotsWithFreeSeats, SlotsOpenedHooks } from '@app/slots';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

interface Outcome {
  roundId: string;
  roundName: string;
  slotId: string;
  slotTitle: string;
  organisationId: string;
  seats: number | null;
}

/**
 * A slot posted or reopened while a round's preference window is open joins that round when it
 * has free seats and lasts until the window closes, as if it had been there when the round
 * opened; the host's reviewers are told whether it joined. Runs in the transaction that opened
 * the slot, as the hook this lib registers with the slots lib.
 */
@Injectable()
export class OpenRoundMembership implements OnModuleInit {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly slotsOpened: SlotsOpenedHooks,
  ) {}

  onModuleInit(): void {
    this.slotsOpened.register((db, slotIds) => this.join(db, slotIds));
  }

  async join(db: EntityManager, slotIds: readonly string[]): Promise<void> {
    if (slotIds.length === 0) return;
    // Rounds the slot is not in yet; a reopened slot that was in the round already stays as it is.
    const outcomes = await db.query<Outcome[]>(
      `WITH candidates AS (
         SELECT r.id AS round_id, r.name AS round_name, s.id AS slot_id, s.title, s.organisation_id,
                r.preferences_close_at::date::text AS close_day
           FROM rounds r CROSS JOIN slots s
          WHERE r.status = 'open' AND s.id = ANY($1::uuid[]) AND s.status = 'open'
            AND NOT EXISTS (SELECT 1 FROM round_slots rs WHERE rs.round_id = r.id AND rs.slot_id = s.id)
       ), joined AS (
         INSERT INTO round_slots (round_id, slot_id, seats)
         SELECT c.round_id, c.slot_id, free.free FROM candidates c
           CROSS JOIN LATERAL (
             SELECT f.free FROM (${slotsWithFreeSeats('c.close_day::date')}) f
              WHERE f.slot_id = c.slot_id) free
         RETURNING round_id, slot_id, seats
       )
       SELECT c.round_id AS "roundId", c.round_name AS "roundName", c.slot_id AS "slotId",
              c.title AS "slotTitle", c.organisation_id AS "organisationId", j.seats
         FROM candidates c LEFT JOIN joined j ON j.round_id = c.round_id AND j.slot_id = c.slot_id`,
      [slotIds],
    );
    if (outcomes.length === 0) return;
    const reviewers = await db.query<{ userId: string; organisationId: string }[]>(
      `SELECT id AS "userId", organisation_id AS "organisationId" FROM users
        WHERE role = 'reviewer' AND organisation_id = ANY($1::uuid[])`,
      [[...new Set(outcomes.map((o) => o.organisationId))]],
    );
    await this.notifications.emitAll(
      db,
      outcomes.flatMap((outcome) =>
        reviewers
          .filter((reviewer) => reviewer.organisationId === outcome.organisationId)
          .map((reviewer) => toNotice(outcome, reviewer.userId)),
      ),
    );
  }
}

function toNotice(outcome: Outcome, recipientUserId: string): NotificationInput {
  const about = {
    slotId: outcome.slotId,
    slotTitle: outcome.slotTitle,
    roundId: outcome.roundId,
    roundName: outcome.roundName,
  };
  // Subject: the slot in the round at this moment; told again if it is closed and reopened.
  const subjectId = `${outcome.roundId}-${outcome.slotId}-${Date.now()}`;
  return outcome.seats === null
    ? { event: 'slot.not.in.round', recipientUserId, subjectId, payload: about }
    : {
        event: 'slot.joined.round',
        recipientUserId,
        subjectId,
        payload: { ...about, seats: outcome.seats },
      };
}
