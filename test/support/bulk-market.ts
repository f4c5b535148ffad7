import { DataSource } from 'typeorm';

/**
 * A market of `students` students and `slots` slots in one round, inserted set-based, with
 * `perStudent` preferences each drawn from a skewed, seeded spread (md5 of the pair), so the
 * same call always builds the same market.
 */
export async function insertBulkRound(
  db: DataSource,
  { students, slots, perStudent }: { students: number; slots: number; perStudent: number },
): Promise<{ roundId: string }> {
  const [school] = await db.query(
    `INSERT INTO organisations (name, kind, slug) VALUES ('Bulk school ' || gen_random_uuid(), 'school', 'bulk-' || substr(md5(random()::text), 1, 12)) RETURNING id`,
  );
  const [host] = await db.query(
    `INSERT INTO organisations (name, kind, slug) VALUES ('Bulk host ' || gen_random_uuid(), 'employer', 'bulk-' || substr(md5(random()::text), 1, 12)) RETURNING id`,
  );
  const [programme] = await db.query(
    `INSERT INTO programmes (school_id, code, name, level) VALUES ($1, 'bulk', 'Bulk', 'vocational') RETURNING id`,
    [school.id],
  );
  const [round] = await db.query(
    `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed)
     VALUES ('Bulk', 'closed', now() - interval '2 hours', now() - interval '1 hour', 'bulk-seed') RETURNING id`,
  );
  await db.query(
    `WITH u AS (
       INSERT INTO users (email, display_name, role, organisation_id, organisation_kind)
       SELECT 'bulk-' || $2 || '-' || g || '@test.example', 'Bulk ' || g, 'student', $1, 'school'
       FROM generate_series(1, $3) g RETURNING id)
     INSERT INTO students (user_id, school_id, programme_id, full_name, birth_date, available_from, available_to)
     SELECT u.id, $1, $4, 'Bulk student', '2003-01-01', '2027-01-01', '2027-12-31' FROM u`,
    [school.id, round.id, students, programme.id],
  );
  await db.query(
    `WITH s AS (
       INSERT INTO slots (organisation_id, organisation_kind, title, focus_area, starts_on, ends_on, capacity)
       SELECT $1, 'employer', 'Bulk slot ' || g, 'biotech-production', '2027-02-01', '2027-04-30', 1 + g % 3
       FROM generate_series(1, $3) g RETURNING id, capacity)
     INSERT INTO round_slots (round_id, slot_id, seats) SELECT $2, id, capacity FROM s`,
    [host.id, round.id, slots],
  );
  // Rank slots by a per-pair hash weighted towards "popular" slots (low slot numbers).
  await db.query(
    `INSERT INTO preferences (round_id, student_id, slot_id, rank)
     SELECT $1, student_id, slot_id, rank FROM (
       SELECT st.id AS student_id, rs.slot_id,
              row_number() OVER (PARTITION BY st.id ORDER BY
                ('x' || substr(md5(st.id::text || rs.slot_id::text), 1, 8))::bit(32)::int
                  * ln(2 + row_number_slot)) AS rank
       FROM students st
       CROSS JOIN LATERAL (
         SELECT slot_id, row_number() OVER (ORDER BY slot_id) AS row_number_slot
         FROM round_slots WHERE round_id = $1
         ORDER BY md5(st.id::text || slot_id::text) LIMIT $3 * 3) rs
       WHERE st.school_id = $2) ranked
     WHERE rank <= $3`,
    [round.id, school.id, perStudent],
  );
  return { roundId: round.id };
}
