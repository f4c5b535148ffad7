import { DataSource } from 'typeorm';

export interface BenchWorld {
  roundId: string;
  slotId: string;
  emails: { student: string; reviewer: string; coordinator: string };
}

/**
 * One school of `students` students and one host of `slots` open slots in an open round, where
 * every student ranked 5 slots, so a slot has students * 5 / slots applicants on average.
 * Set-based inserts; the three accounts the benchmark signs in as get `passwordHash`.
 */
export async function seedSchool(
  db: DataSource,
  { students, slots, passwordHash }: { students: number; slots: number; passwordHash: string },
): Promise<BenchWorld> {
  const [school] = await db.query(
    `INSERT INTO organisations (name, kind, slug) VALUES ('Bench school', 'school', 'bench-school') RETURNING id`,
  );
  const [host] = await db.query(
    `INSERT INTO organisations (name, kind, slug) VALUES ('Bench host', 'employer', 'bench-host') RETURNING id`,
  );
  const [programme] = await db.query(
    `INSERT INTO programmes (school_id, code, name, level) VALUES ($1, 'lab', 'Laborant', 'vocational') RETURNING id`,
    [school.id],
  );
  await db.query(
    `WITH u AS (
       INSERT INTO users (email, display_name, role, organisation_id, organisation_kind)
       SELECT 'student' || g || '@bench.example', 'Student ' || g, 'student', $1, 'school'
       FROM generate_series(1, $3) g RETURNING id, display_name)
     INSERT INTO students (user_id, school_id, programme_id, full_name, birth_date, languages,
                           skills, interests, available_from, available_to)
     SELECT id, $1, $2, display_name, '2004-05-17', '{da,en}', '{pipettering,gmp}',
            '{biotech-production}', '2027-01-01', '2027-12-31' FROM u`,
    [school.id, programme.id, students],
  );
  const [round] = await db.query(
    `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed, opened_at)
     VALUES ('Bench', 'open', now() - interval '1 day', now() + interval '7 days', 'bench', now()) RETURNING id`,
  );
  await db.query(
    `WITH s AS (
       INSERT INTO slots (organisation_id, organisation_kind, title, focus_area, skills, starts_on, ends_on, capacity)
       SELECT $1, 'employer', 'Slot ' || g, 'biotech-production', '{gmp}', '2027-02-01', '2027-04-30', 1 + g % 5
       FROM generate_series(1, $3) g RETURNING id, capacity)
     INSERT INTO round_slots (round_id, slot_id, seats) SELECT $2, id, capacity FROM s`,
    [host.id, round.id, slots],
  );
  await db.query(
    `WITH numbered AS (
       SELECT slot_id, row_number() OVER (ORDER BY slot_id) - 1 AS n FROM round_slots WHERE round_id = $1),
     st AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM students WHERE school_id = $2)
     INSERT INTO preferences (round_id, student_id, slot_id, rank)
     SELECT $1, st.id, numbered.slot_id, k + 1
     FROM st CROSS JOIN generate_series(0, 4) k
     JOIN numbered ON numbered.n = (st.n + k * 37) % $3`,
    [round.id, school.id, slots],
  );
  return accounts(db, { schoolId: school.id, hostId: host.id, roundId: round.id, passwordHash });
}

async function accounts(
  db: DataSource,
  ids: { schoolId: string; hostId: string; roundId: string; passwordHash: string },
): Promise<BenchWorld> {
  await db.query(
    `INSERT INTO users (email, display_name, role, organisation_id, organisation_kind)
     VALUES ('coordinator@bench.example', 'Coordinator', 'coordinator', $1, 'school'),
            ('reviewer@bench.example', 'Reviewer', 'reviewer', $2, 'employer')`,
    [ids.schoolId, ids.hostId],
  );
  const emails = {
    student: 'student1@bench.example',
    reviewer: 'reviewer@bench.example',
    coordinator: 'coordinator@bench.example',
  };
  await db.query(`UPDATE users SET password_hash = $1 WHERE email = ANY($2)`, [
    ids.passwordHash,
    Object.values(emails),
  ]);
  const [slot] = await db.query(
    `SELECT slot_id FROM round_slots WHERE round_id = $1 ORDER BY slot_id LIMIT 1`,
    [ids.roundId],
  );
  return { roundId: ids.roundId, slotId: slot.slot_id, emails };
}
