import { AccountsService } from '@app/accounts';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories, testHash } from '../../support/factories';

export interface RaceOutcome {
  statuses: number[];
  acceptedRows: number;
  seatsTaken: number;
}

interface Arena {
  school: { id: string };
  programmeId: string;
  host: { id: string; kind: string };
}

/**
 * Many students holding offers for one slot accept at the same moment. The offers are written
 * straight into the database (more than the seats, as after a host lowered its capacity), so
 * only the accept path decides who gets a seat.
 */
export class CapacityRace {
  private arena?: Arena;

  constructor(private readonly app: INestApplication) {}

  private get db(): DataSource {
    return this.app.get(DataSource);
  }

  async run({ contenders, capacity }: { contenders: number; capacity: number }) {
    const arena = await this.prepareArena();
    const slot = await new Factories(this.app).aSlot(arena.host, { capacity });
    const offers = await this.offers(arena, slot.id, contenders);
    const server = this.app.getHttpServer();
    const responses = await Promise.all(
      offers.map((offer) =>
        request(server)
          .post(`/api/placements/${offer.placementId}/accept`)
          .set('Authorization', `Bearer ${offer.token}`),
      ),
    );
    const [{ accepted, taken }] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM placements WHERE slot_id = $1 AND status = 'accepted') AS accepted,
              (SELECT seats_taken FROM slots WHERE id = $1) AS taken`,
      [slot.id],
    );
    return { statuses: responses.map((r) => r.status), acceptedRows: accepted, seatsTaken: taken };
  }

  private async prepareArena(): Promise<Arena> {
    if (this.arena) return this.arena;
    const make = new Factories(this.app);
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    this.arena = { school, programmeId: programme.id, host };
    return this.arena;
  }

  /** A published round with one offer per new student for the slot, and each student's token. */
  private async offers(arena: Arena, slotId: string, count: number) {
    const [round] = await this.db.query(
      `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed)
       VALUES ('Capacity race', 'published', now() - interval '2 hours', now() - interval '1 hour', 'race')
       RETURNING id`,
    );
    const rows: { placementId: string; studentId: string; userId: string }[] = await this.db.query(
      `WITH u AS (
         INSERT INTO users (email, display_name, role, organisation_id, organisation_kind, password_hash)
         SELECT 'race-' || $1::text || '-' || g || '@test.example', 'Racer ' || g, 'student', $2, 'school', $6
         FROM generate_series(1, $3) g RETURNING id),
       s AS (
         INSERT INTO students (user_id, school_id, programme_id, full_name, birth_date, available_from, available_to)
         SELECT u.id, $2, $4, 'Racer', '2003-01-01', '2027-01-01', '2027-12-31' FROM u
         RETURNING id, user_id)
       INSERT INTO placements (round_id, student_id, slot_id, deadline_at)
       SELECT $1::uuid, s.id, $5, now() + interval '1 day' FROM s
       RETURNING id AS "placementId", student_id AS "studentId",
                 (SELECT user_id FROM s WHERE s.id = student_id) AS "userId"`,
      [round.id, arena.school.id, count, arena.programmeId, slotId, await testHash()],
    );
    const accounts = this.app.get(AccountsService);
    return Promise.all(
      rows.map(async (row) => ({
        placementId: row.placementId,
        token: await accounts.issueToken({
          id: row.userId,
          role: 'student',
          organisationId: arena.school.id,
          studentId: row.studentId,
        }),
      })),
    );
  }
}
