import { AccountsService } from '@app/accounts';
import { Role } from '@app/database';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories, testHash } from '../../support/factories';

export interface SizedWorld {
  schoolId: string;
  roundId: string;
  firstSlotId: string;
  tokens: Record<Role, string>;
}

/**
 * A school of `size` students and `size` programmes, and a host of `size` slots in one
 * published round, inserted set-based: every student ranked the first slot, is assigned slot i
 * and holds an offer for it. Each role's list of that world therefore has `size` items.
 */
export async function aSizedWorld(app: INestApplication, size: number): Promise<SizedWorld> {
  const db = app.get(DataSource);
  const make = new Factories(app);
  const school = await make.anOrganisation('school');
  const programme = await make.aProgramme(school.id);
  await db.query(
    `INSERT INTO programmes (school_id, code, name, level)
     SELECT $1, 'sized-' || g, 'Sized programme ' || g, 'higher' FROM generate_series(2, $2) g`,
    [school.id, size],
  );
  const host = await make.anOrganisation('employer');
  const [round] = await db.query(
    `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed)
     VALUES ('Sized', 'closed', now() - interval '2 hours', now() + interval '1 hour', 'sized')
     RETURNING id`,
  );
  const students = await insertStudents(db, school.id, programme.id, size);
  const slots = await insertSlots(db, host.id, round.id, size);
  await insertRoundRows(db, round.id, students, slots);
  const student = await studentToken(app, school.id, students[0]);
  return {
    schoolId: school.id,
    roundId: round.id,
    firstSlotId: slots[0],
    tokens: {
      student,
      coordinator: (await make.aUser('coordinator', school)).token,
      reviewer: (await make.aUser('reviewer', host)).token,
      admin: (await make.aUser('admin')).token,
    },
  };
}

async function insertStudents(db: DataSource, schoolId: string, programmeId: string, n: number) {
  const rows: { id: string; user_id: string }[] = await db.query(
    `WITH u AS (
       INSERT INTO users (email, display_name, role, organisation_id, organisation_kind, password_hash)
       SELECT 'sized-' || gen_random_uuid() || '@test.example', 'Sized ' || g, 'student', $1, 'school', $4
       FROM generate_series(1, $3) g RETURNING id)
     INSERT INTO students (user_id, school_id, programme_id, full_name, birth_date, available_from, available_to)
     SELECT u.id, $1, $2, 'Sized student', '2003-01-01', '2027-01-01', '2027-12-31' FROM u
     RETURNING id, user_id`,
    [schoolId, programmeId, n, await testHash()],
  );
  return rows;
}

async function insertSlots(db: DataSource, hostId: string, roundId: string, n: number) {
  const rows: { id: string }[] = await db.query(
    `WITH s AS (
       INSERT INTO slots (organisation_id, organisation_kind, title, focus_area, starts_on, ends_on, capacity)
       SELECT $1, 'employer', 'Sized slot ' || g, 'biotech-production', '2027-02-01', '2027-04-30', 2
       FROM generate_series(1, $3) g RETURNING id)
     INSERT INTO round_slots (round_id, slot_id, seats) SELECT $2, id, 2 FROM s RETURNING slot_id AS id`,
    [hostId, roundId, n],
  );
  return rows.map((row) => row.id);
}

async function insertRoundRows(
  db: DataSource,
  roundId: string,
  students: { id: string }[],
  slots: string[],
) {
  const studentIds = students.map((s) => s.id);
  await db.query(
    `INSERT INTO preferences (round_id, student_id, slot_id, rank)
     SELECT $1, unnest($2::uuid[]), $3, 1`,
    [roundId, studentIds, slots[0]],
  );
  await db.query(
    `INSERT INTO assignments (round_id, student_id, slot_id, student_rank)
     SELECT $1, unnest($2::uuid[]), unnest($3::uuid[]), 1`,
    [roundId, studentIds, slots],
  );
  await db.query(
    `INSERT INTO placements (round_id, student_id, slot_id, deadline_at)
     SELECT $1, unnest($2::uuid[]), unnest($3::uuid[]), now() + interval '1 day'`,
    [roundId, studentIds, slots],
  );
}

function studentToken(
  app: INestApplication,
  schoolId: string,
  row: { id: string; user_id: string },
) {
  return app.get(AccountsService).issueToken({
    id: row.user_id,
    role: 'student',
    organisationId: schoolId,
    studentId: row.id,
  });
}
