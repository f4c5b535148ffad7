import { DataSource } from 'typeorm';

export interface MarketSize {
  students: number;
  slots: number;
  preferences: number;
}

/** mulberry32: the same market on every machine for the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeds a closed round with `students` students, `slots` slots and `preferences` choices per
 * student, drawn with Zipf-like popularity so a few slots are wanted by many. Set-based inserts
 * in batches; returns the round id.
 */
export async function seedMarket(db: DataSource, size: MarketSize): Promise<string> {
  const [school] = await db.query(
    `INSERT INTO organisations (name, kind, slug) VALUES ('Bench school', 'school', 'bench-school') RETURNING id`,
  );
  const [host] = await db.query(
    `INSERT INTO organisations (name, kind, slug) VALUES ('Bench host', 'employer', 'bench-host') RETURNING id`,
  );
  const [programme] = await db.query(
    `INSERT INTO programmes (school_id, code, name, level) VALUES ($1, 'bench', 'Bench', 'vocational') RETURNING id`,
    [school.id],
  );
  const [round] = await db.query(
    `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed)
     VALUES ('Bench round', 'closed', now() - interval '2 hours', now() - interval '1 hour', 'bench') RETURNING id`,
  );
  await db.query(
    `WITH u AS (
       INSERT INTO users (email, display_name, role, organisation_id, organisation_kind)
       SELECT 'bench-' || g || '@bench.example', 'Bench ' || g, 'student', $1, 'school'
       FROM generate_series(1, $2) g RETURNING id)
     INSERT INTO students (user_id, school_id, programme_id, full_name, birth_date, available_from,
                           available_to, skills, interests)
     SELECT u.id, $1, $3, 'Bench student', '2003-01-01', '2027-01-01', '2027-12-31',
            CASE WHEN random() < 0.5 THEN '{GMP,HPLC}'::text[] ELSE '{PLC}'::text[] END,
            CASE WHEN random() < 0.5 THEN '{biotech-production}'::text[] ELSE '{}'::text[] END
     FROM u`,
    [school.id, size.students, programme.id],
  );
  await db.query(
    `WITH s AS (
       INSERT INTO slots (organisation_id, organisation_kind, title, focus_area, starts_on, ends_on,
                          capacity, skills)
       SELECT $1, 'employer', 'Bench slot ' || g, 'biotech-production', '2027-02-01', '2027-04-30',
              1 + g % 9, '{GMP}'
       FROM generate_series(1, $3) g RETURNING id, capacity)
     INSERT INTO round_slots (round_id, slot_id, seats) SELECT $2, id, capacity FROM s`,
    [host.id, round.id, size.slots],
  );
  const studentIds: string[] = (await db.query(`SELECT id FROM students ORDER BY id`)).map(
    (r: { id: string }) => r.id,
  );
  const slotIds: string[] = (
    await db.query(`SELECT slot_id FROM round_slots WHERE round_id = $1 ORDER BY slot_id`, [
      round.id,
    ])
  ).map((r: { slot_id: string }) => r.slot_id);
  await insertPreferences(db, round.id, studentIds, slotIds, size.preferences);
  await db.query('ANALYZE');
  return round.id;
}

async function insertPreferences(
  db: DataSource,
  roundId: string,
  studentIds: string[],
  slotIds: string[],
  perStudent: number,
): Promise<void> {
  const draw = random(2027);
  const zipf = (n: number) => Math.floor(n * Math.pow(draw(), 2.2)); // skewed towards low indices
  const batch = 10_000;
  for (let start = 0; start < studentIds.length; start += batch) {
    const students: string[] = [];
    const slots: string[] = [];
    const ranks: number[] = [];
    for (const studentId of studentIds.slice(start, start + batch)) {
      const chosen = new Set<number>();
      while (chosen.size < perStudent) chosen.add(zipf(slotIds.length));
      [...chosen].forEach((slot, index) => {
        students.push(studentId);
        slots.push(slotIds[slot]);
        ranks.push(index + 1);
      });
    }
    await db.query(
      `INSERT INTO preferences (round_id, student_id, slot_id, rank)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::smallint[])`,
      [roundId, students, slots, ranks],
    );
  }
}
