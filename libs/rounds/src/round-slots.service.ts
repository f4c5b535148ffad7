import { AuthUser } from '@app/accounts';
import { SlotStatus } from '@app/database';
import { freeSeatsOf, OpenSlotsCatalogue, SlotView } from '@app/slots';
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
  // Students: the open slots of the catalogue they may take (see listForStudent).
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
 * Why a slot a student sees is not one they can rank in the round, the first that holds:
 * - `not_eligible`: the slot is not for them (programme, period, age, language: `eligibility`);
 * - `closed`: the slot is closed;
 * - `ends_before_close`: it ends before the round's preferences close;
 * - `no_free_seats`: every seat is held by an accepted placement or an open offer;
 * - `posted_later`: posted after the round opened, with no free seat to join it with;
 * - `seats_freed_later`: it had no free seat when the round opened; one has come free since
 *   (an offer declined or expired), for the next round.
 */
export const LEFT_OUT_REASONS = [
  'not_eligible',
  'closed',
  'ends_before_close',
  'no_free_seats',
  'posted_later',
  'seats_freed_later',
] as const;
export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];

export interface LeftOutSlot {
  slotId: string;
  reason: LeftOutReason;
  /** For `not_eligible`: the eligibility rule's reason codes (programme, period, age …). */
  eligibility: string[];
}

/** The reason (LEFT_OUT_REASONS) of each of the slots $2 that round $1 does not hold. */
const LEFT_OUT = `
  SELECT s.id AS "slotId",
         CASE WHEN s.status <> 'open' THEN 'closed'
              WHEN s.ends_on < r.preferences_close_at::date THEN 'ends_before_close'
              WHEN ${freeSeatsOf('s')} <= 0 THEN 'no_free_seats'
              WHEN r.opened_at IS NOT NULL AND s.created_at > r.opened_at
                THEN 'posted_later'
              ELSE 'seats_freed_later' END AS reason
    FROM rounds r CROSS JOIN slots s
   WHERE r.id = $1 AND s.id = ANY($2::uuid[])
     AND NOT EXISTS (SELECT 1 FROM round_slots rs WHERE rs.round_id = r.id AND rs.slot_id = s.id)`;

/**
 * The slots a round took when it opened: the ones a student can rank in it. A slot posted, or
 * freed, after the round opened is not among them and waits for a later round.
 */
@Injectable()
export class RoundSlotsService {
  constructor(
    private readonly db: DataSource,
    private readonly catalogue: OpenSlotsCatalogue,
  ) {}

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
   * The slots of the student's slot list (every open slot) that they cannot rank in the round,
   * each with its true reason (LEFT_OUT_REASONS), in the order of the slot list.
   */
  async leftOutForStudent(
    caller: AuthUser,
    roundId: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: LeftOutSlot[]; total: number }> {
    const [round] = await this.db.query(`SELECT id FROM rounds WHERE id = $1`, [roundId]);
    if (!round) throw new RoundNotFoundError(roundId);
    const { profile, snapshot } = await this.catalogue.forStudent(caller.studentId);
    const views = snapshot.listFor(profile, { includeIneligible: true });
    const ineligible: LeftOutSlot[] = views
      .filter((view) => !view.eligible)
      .map((view) => ({
        slotId: view.id,
        reason: 'not_eligible',
        eligibility: view.reasons ?? [],
      }));
    const rows = await this.db.query<{ slotId: string; reason: LeftOutReason }[]>(LEFT_OUT, [
      roundId,
      views.filter((view) => view.eligible).map((view) => view.id),
    ]);
    const all = [...ineligible, ...rows.map((row) => ({ ...row, eligibility: [] }))].sort(
      byPosition(views.map((view) => view.id)),
    );
    return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
  }

  /**
   * The round's slots the student may take: the open slots they may take, from the in-memory
   * catalogue the slot list uses, kept to those the round holds, with their seats.
   */
  private async listForStudent(caller: AuthUser, roundId: string, page: number, pageSize: number) {
    const { profile, snapshot } = await this.catalogue.forStudent(caller.studentId);
    const seats = new Map(
      (
        await this.db.query<{ slotId: string; seats: number }[]>(
          `SELECT slot_id AS "slotId", seats FROM round_slots WHERE round_id = $1`,
          [roundId],
        )
      ).map((row) => [row.slotId, row.seats]),
    );
    const inRound = snapshot.listFor(profile, {}).filter((view) => seats.has(view.id));
    return {
      items: inRound
        .slice((page - 1) * pageSize, page * pageSize)
        .map((view) => ({ ...view, seats: seats.get(view.id)! })),
      total: inRound.length,
    };
  }
}

function byPosition(order: readonly string[]) {
  const position = new Map(order.map((id, index) => [id, index]));
  return (a: LeftOutSlot, b: LeftOutSlot) =>
    (position.get(a.slotId) ?? 0) - (position.get(b.slotId) ?? 0);
}

function toRoundSlotView({ organisationId, organisationName, ...row }: RoundSlotRow) {
  return {
    ...row,
    status: row.status as SlotStatus,
    organisation: { id: organisationId, name: organisationName },
  };
}
