import { AccountsService, AuthUser, hashPassword, SessionRegistry } from '@app/accounts';
import { Role, OrganisationKind } from '@app/database';
import { RoundsService } from '@app/rounds';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Test data factories: every test creates the rows it needs, with unique names, so test files
 * can run side by side in one database.
 */
export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;
const unique = () => randomUUID().slice(0, 8);

export class Factories {
  constructor(private readonly app: INestApplication) {}

  private get db(): DataSource {
    return this.app.get(DataSource);
  }

  async anOrganisation(kind: OrganisationKind, name = `${kind} ${unique()}`) {
    const [row] = await this.db.query(
      `INSERT INTO organisations (name, kind, slug) VALUES ($1, $2, $3) RETURNING id, name, kind`,
      [name, kind, `${kind}-${unique()}`],
    );
    return row as { id: string; name: string; kind: OrganisationKind };
  }

  async aProgramme(schoolId: string, name = `Programme ${unique()}`) {
    const [row] = await this.db.query(
      `INSERT INTO programmes (school_id, code, name, level) VALUES ($1, $2, $3, 'vocational')
       RETURNING id, name`,
      [schoolId, `p-${unique()}`, name],
    );
    return row as { id: string; name: string };
  }

  async aUser(role: Role, organisation: { id: string; kind: string } | null = null) {
    const email = `${role}-${unique()}@test.example`;
    const [row] = await this.db.query(
      `INSERT INTO users (email, display_name, role, organisation_id, organisation_kind, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        email,
        `A ${role}`,
        role,
        organisation?.id ?? null,
        organisation?.kind ?? null,
        await testHash(),
      ],
    );
    const auth: AuthUser = {
      id: row.id,
      role,
      organisationId: organisation?.id ?? null,
      studentId: null,
    };
    return { ...auth, email, token: await this.tokenFor(auth) };
  }

  async aStudent(
    school: { id: string },
    programme: { id: string },
    profile: Partial<{
      fullName: string;
      birthDate: string;
      languages: string[];
      skills: string[];
      interests: string[];
      availableFrom: string;
      availableTo: string;
      /** YYYY-MM */
      expectedCompletion: string;
    }> = {},
  ) {
    const user = await this.aUser('student', { id: school.id, kind: 'school' });
    const [row] = await this.db.query(
      `INSERT INTO students (user_id, school_id, programme_id, full_name, birth_date, languages,
                             skills, interests, available_from, available_to,
                             expected_completion_year, expected_completion_month)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        user.id,
        school.id,
        programme.id,
        profile.fullName ?? `Student ${unique()}`,
        profile.birthDate ?? '2004-05-17',
        profile.languages ?? ['da', 'en'],
        profile.skills ?? [],
        profile.interests ?? [],
        profile.availableFrom ?? '2027-02-01',
        profile.availableTo ?? '2027-06-30',
        profile.expectedCompletion ? Number(profile.expectedCompletion.slice(0, 4)) : null,
        profile.expectedCompletion ? Number(profile.expectedCompletion.slice(5, 7)) : null,
      ],
    );
    // The account was read (for its first token) before the profile existed.
    this.app.get(SessionRegistry).forget(user.id);
    const auth: AuthUser = { ...user, studentId: row.id };
    return { ...auth, email: user.email, token: await this.tokenFor(auth) };
  }

  async aSlot(
    host: { id: string; kind: string },
    fields: Partial<{
      title: string;
      capacity: number;
      programmeIds: string[];
      language: string | null;
      minAge: number | null;
      startsOn: string;
      endsOn: string;
      status: 'open' | 'closed';
    }> = {},
  ) {
    const [row] = await this.db.query(
      `INSERT INTO slots (organisation_id, organisation_kind, title, focus_area, language, min_age,
                          starts_on, ends_on, capacity, status)
       VALUES ($1, $2, $3, 'biotech-production', $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        host.id,
        host.kind,
        fields.title ?? `Slot ${unique()}`,
        fields.language ?? null,
        fields.minAge ?? null,
        fields.startsOn ?? '2027-02-01',
        fields.endsOn ?? '2027-04-30',
        fields.capacity ?? 1,
        fields.status ?? 'open',
      ],
    );
    for (const programmeId of fields.programmeIds ?? []) {
      await this.db.query(`INSERT INTO slot_programmes (slot_id, programme_id) VALUES ($1, $2)`, [
        row.id,
        programmeId,
      ]);
    }
    return { id: row.id as string };
  }

  /**
   * A round whose preference window is open, holding exactly the given slots, as
   * POST /api/rounds/:id/open would leave it but without announcing it to every student in the
   * database. One round is open at a time: a round an earlier case left open is closed first,
   * as an admin closing it early would (its ranks counted).
   */
  async anOpenRound(slots: { id: string; seats?: number }[], name = `Round ${unique()}`) {
    const open: { id: string }[] = await this.db.query(
      `SELECT id FROM rounds WHERE status = 'open'`,
    );
    for (const round of open) await this.app.get(RoundsService).close(round.id);
    const [round] = await this.db.query(
      `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed, opened_at)
       VALUES ($1, 'open', now() - interval '1 hour', now() + interval '1 hour', $1, now())
       RETURNING id`,
      [name],
    );
    await this.db.query(
      `INSERT INTO round_slots (round_id, slot_id, seats)
       SELECT $1, x.id, x.seats FROM unnest($2::uuid[], $3::int[]) AS x(id, seats)`,
      [round.id, slots.map((slot) => slot.id), slots.map((slot) => slot.seats ?? 1)],
    );
    return { id: round.id as string, name };
  }

  /**
   * An answered placement of the student on the slot, in a round of its own, as accepting an
   * offer would leave it (the seat taken).
   */
  async aPlacement(
    studentId: string,
    slotId: string,
    status: 'accepted' | 'confirmed' | 'declined' = 'accepted',
  ) {
    const [round] = await this.db.query(
      `INSERT INTO rounds (name, preferences_open_at, preferences_close_at, seed)
       VALUES ($1, now() - interval '2 days', now() - interval '1 day', $1) RETURNING id`,
      [`Placed ${unique()}`],
    );
    const [placement] = await this.db.query(
      `INSERT INTO placements (round_id, student_id, slot_id, status, deadline_at, answered_at,
                               confirmed_at)
       VALUES ($1, $2, $3, $4, now() + interval '7 days', now(),
               CASE WHEN $4 = 'confirmed' THEN now() END)
       RETURNING id`,
      [round.id, studentId, slotId, status],
    );
    if (status !== 'declined') {
      await this.db.query(`UPDATE slots SET seats_taken = seats_taken + 1 WHERE id = $1`, [slotId]);
    }
    return { id: placement.id as string, roundId: round.id as string };
  }

  tokenFor(user: AuthUser): Promise<string> {
    return this.app.get(AccountsService).issueToken(user);
  }
}

/** One argon2 hash of TEST_PASSWORD, for accounts that tests insert in bulk. */
export function testHash(): Promise<string> {
  return (passwordHash ??= hashPassword(TEST_PASSWORD));
}
