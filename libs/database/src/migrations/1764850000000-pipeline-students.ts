import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The round standings of the students in the uuid[] `changed`, as `studentRoundStandingsSql` of
 * libs/rounds/src/reports/round-standing.ts spells them on the day of this migration, with the
 * coordinator's view `coordinator` (NULL: an admin's). A migration cannot import the rounds lib
 * (it sits below it), so the text is copied; the unit test beside the pipeline report fails when
 * the two part, and a new migration must then re-create `pipeline_students_refresh`.
 */
export function pipelineStandingsSql(coordinator: string): string {
  return `SELECT r.id AS round_id, st.id AS student_id, st.school_id, st.programme_id, a.slot_id,
       CASE
         WHEN pl.status = 'awaiting_guardian' THEN 'awaitingGuardian'
         WHEN pl.status IS NOT NULL THEN pl.status
         WHEN a.student_id IS NULL AND NOT EXISTS (
           SELECT 1 FROM preferences p WHERE p.round_id = r.id AND p.student_id = st.id)
           THEN 'notTakingPart'
         WHEN a.student_id IS NULL OR (${coordinator}::uuid IS NOT NULL AND r.status <> 'published')
           THEN 'waiting'
         WHEN a.slot_id IS NULL THEN 'unplaced'
         WHEN r.status = 'published' THEN 'withdrawn'
         ELSE 'assigned'
       END AS standing
     FROM (SELECT p.round_id, p.student_id FROM preferences p WHERE p.student_id IN (SELECT unnest(changed))
       UNION SELECT a.round_id, a.student_id FROM assignments a WHERE a.student_id IN (SELECT unnest(changed))
       UNION SELECT x.round_id, x.student_id FROM placements x WHERE x.student_id IN (SELECT unnest(changed))
     ) pair JOIN rounds r ON r.id = pair.round_id JOIN students st ON st.id = pair.student_id
     LEFT JOIN assignments a ON a.round_id = r.id AND a.student_id = st.id
     LEFT JOIN placements pl ON pl.round_id = r.id AND pl.student_id = st.id
     WHERE true`;
}

/** MATCHED_STANDINGS and PLACED_STANDINGS of round-standing.ts (checked by the same test). */
export const PIPELINE_MATCHED_STANDINGS = `('assigned', 'offered', 'awaitingGuardian', 'accepted', 'confirmed', 'declined', 'expired', 'withdrawn')`;
export const PIPELINE_PLACED_STANDINGS = `('accepted', 'confirmed')`;

/** Any coordinator: the view that hides unpublished matchings (only NULL or not matters). */
const A_COORDINATOR = `'00000000-0000-0000-0000-000000000000'`;

const FLAGS = [
  'ranked',
  'matched',
  'matched_published',
  'accepted',
  'completed',
  'offered',
  'offer_accepted',
  'outcome_known',
  'hired',
  'hired_known',
  'known12',
  'working12',
  'known24',
  'working24',
];
const COLUMNS = ['cohort', 'school_id', 'programme_id', ...FLAGS];

/** The summary rows of the students in `changed` who are in a cohort and not erased. */
const SUMMARY_SQL = `
  WITH standings AS MATERIALIZED (${pipelineStandingsSql('NULL')}
  ), published_standings AS MATERIALIZED (${pipelineStandingsSql(A_COORDINATOR)}
  ), standing AS (
    SELECT rs.student_id,
           bool_or(rs.standing <> 'notTakingPart') AS ranked,
           bool_or(rs.standing IN ${PIPELINE_MATCHED_STANDINGS}) AS matched,
           bool_or(rs.standing IN ${PIPELINE_PLACED_STANDINGS}) AS accepted
    FROM standings rs GROUP BY rs.student_id
  ), published AS (
    SELECT rs.student_id, bool_or(rs.standing IN ${PIPELINE_MATCHED_STANDINGS}) AS matched
    FROM published_standings rs GROUP BY rs.student_id
  ), outcome AS (
    SELECT o.student_id, bool_or(o.completed) AS completed,
           bool_or(o.job_offer <> 'none') AS offered,
           bool_or(o.job_offer = 'accepted') AS offer_accepted
    FROM placement_outcomes o WHERE o.student_id = ANY (changed)
    GROUP BY o.student_id
  ), follow AS (
    SELECT f.student_id,
           bool_or(f.situation = 'alliance_member') AS at_member,
           bool_or(f.months = 12) AS known12,
           bool_or(f.months = 12 AND f.situation IN ('alliance_member', 'kalundborg')) AS working12,
           bool_or(f.months = 24) AS known24,
           bool_or(f.months = 24 AND f.situation IN ('alliance_member', 'kalundborg')) AS working24
    FROM follow_ups f
    WHERE f.answered_at IS NOT NULL AND f.student_id = ANY (changed)
    GROUP BY f.student_id
  )
  SELECT st.id, st.expected_completion_year, st.school_id, st.programme_id,
         coalesce(sd.ranked, false), coalesce(sd.matched, false), coalesce(pb.matched, false),
         coalesce(sd.accepted, false),
         coalesce(o.completed, false), coalesce(o.offered, false),
         coalesce(o.offer_accepted, false), o.student_id IS NOT NULL,
         coalesce(o.offer_accepted, false) OR coalesce(f.at_member, false),
         o.student_id IS NOT NULL OR f.student_id IS NOT NULL,
         coalesce(f.known12, false), coalesce(f.working12, false),
         coalesce(f.known24, false), coalesce(f.working24, false)
  FROM students st LEFT JOIN standing sd ON sd.student_id = st.id
  LEFT JOIN published pb ON pb.student_id = st.id
  LEFT JOIN outcome o ON o.student_id = st.id LEFT JOIN follow f ON f.student_id = st.id
  WHERE st.id = ANY (changed) AND st.erased_at IS NULL
    AND st.expected_completion_year IS NOT NULL`;

/** Tables whose rows name their student, and so whose writes change that student's summary. */
const STUDENT_TABLES = [
  'preferences',
  'assignments',
  'placements',
  'placement_outcomes',
  'follow_ups',
];

/**
 * The pipeline report's summary: one row per student of a cohort (not erased) with what the
 * funnel counts of them, and one per (student, employer) they had a placement at. Kept current
 * by statement-level triggers (transition tables) in the very transactions that write students,
 * preferences, assignments, placements, outcomes and follow-ups, or publish a round, so no
 * service has to remember it and the report is one grouped scan of a cohort's rows. Each
 * refresh first locks the students' rows, then reads with a new snapshot, so two transactions
 * changing one student cannot leave the summary of the one that committed first.
 */
export class PipelineStudents1764850000000 implements MigrationInterface {
  name = 'PipelineStudents1764850000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE pipeline_students (
        student_id uuid PRIMARY KEY REFERENCES students (id) ON DELETE CASCADE,
        cohort smallint NOT NULL,
        school_id uuid NOT NULL,
        programme_id uuid,
        ${FLAGS.map((flag) => `${flag} boolean NOT NULL`).join(',\n        ')}
      )`);
    await db.query(`CREATE INDEX pipeline_students_cohort_idx ON pipeline_students (cohort)`);
    await db.query(`
      CREATE TABLE pipeline_student_employers (
        student_id uuid NOT NULL REFERENCES pipeline_students (student_id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        outcome_known boolean NOT NULL,
        offer_accepted boolean NOT NULL,
        PRIMARY KEY (student_id, organisation_id)
      )`);
    await db.query(`
      CREATE INDEX pipeline_student_employers_organisation_idx
        ON pipeline_student_employers (organisation_id)`);
    await db.query(refreshFunctionSql());
    await db.query(`
      CREATE FUNCTION pipeline_student_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM pipeline_students_refresh(ARRAY(SELECT DISTINCT student_id FROM new_rows));
        ELSIF TG_OP = 'UPDATE' THEN
          PERFORM pipeline_students_refresh(ARRAY(
            SELECT student_id FROM new_rows UNION SELECT student_id FROM old_rows));
        ELSE
          PERFORM pipeline_students_refresh(ARRAY(SELECT DISTINCT student_id FROM old_rows));
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of STUDENT_TABLES)
      await createTriggers(db, table, 'pipeline_student_rows_changed');
    // A student's cohort, school, programme or erasure; a new enrolment (a move) is an insert.
    await db.query(`
      CREATE FUNCTION pipeline_students_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM pipeline_students_refresh(ARRAY(SELECT id FROM new_rows));
        ELSE
          PERFORM pipeline_students_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.expected_completion_year, n.school_id, n.programme_id, n.erased_at)
                  IS DISTINCT FROM
                  (o.expected_completion_year, o.school_id, o.programme_id, o.erased_at)));
        END IF;
        RETURN NULL;
      END $$`);
    await createTriggers(db, 'students', 'pipeline_students_changed', ['INSERT', 'UPDATE']);
    // Publishing a round shows its matching to coordinators and reviewers.
    await db.query(`
      CREATE FUNCTION pipeline_rounds_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pipeline_students_refresh(ARRAY(
          WITH changed_rounds AS (
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.status IS DISTINCT FROM o.status)
          SELECT student_id FROM preferences WHERE round_id IN (SELECT id FROM changed_rounds)
          UNION SELECT student_id FROM assignments WHERE round_id IN (SELECT id FROM changed_rounds)
          UNION SELECT student_id FROM placements WHERE round_id IN (SELECT id FROM changed_rounds)));
        RETURN NULL;
      END $$`);
    await createTriggers(db, 'rounds', 'pipeline_rounds_changed', ['UPDATE']);
    // A slot's organisation decides the employer a placement counts for.
    await db.query(`
      CREATE FUNCTION pipeline_slots_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pipeline_students_refresh(ARRAY(
          SELECT DISTINCT p.student_id FROM placements p
          JOIN new_rows n ON n.id = p.slot_id JOIN old_rows o ON o.id = n.id
          WHERE n.organisation_id IS DISTINCT FROM o.organisation_id));
        RETURN NULL;
      END $$`);
    await createTriggers(db, 'slots', 'pipeline_slots_changed', ['UPDATE']);
    // The students already there.
    await db.query(`SELECT pipeline_students_refresh(ARRAY(SELECT id FROM students))`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [...STUDENT_TABLES, 'students', 'rounds', 'slots']) {
      for (const event of ['insert', 'update', 'delete']) {
        await db.query(`DROP TRIGGER IF EXISTS pipeline_${event} ON ${table}`);
      }
    }
    for (const fn of [
      'pipeline_student_rows_changed',
      'pipeline_students_changed',
      'pipeline_rounds_changed',
      'pipeline_slots_changed',
    ]) {
      await db.query(`DROP FUNCTION ${fn}()`);
    }
    await db.query(`DROP FUNCTION pipeline_students_refresh(uuid[])`);
    await db.query(`DROP TABLE pipeline_student_employers`);
    await db.query(`DROP TABLE pipeline_students`);
  }
}

/** One trigger per event: a trigger with transition tables may name one event only. */
async function createTriggers(
  db: QueryRunner,
  table: string,
  fn: string,
  events: ('INSERT' | 'UPDATE' | 'DELETE')[] = ['INSERT', 'UPDATE', 'DELETE'],
): Promise<void> {
  const referencing = {
    INSERT: 'NEW TABLE AS new_rows',
    UPDATE: 'NEW TABLE AS new_rows OLD TABLE AS old_rows',
    DELETE: 'OLD TABLE AS old_rows',
  };
  for (const event of events) {
    await db.query(`
      CREATE TRIGGER pipeline_${event.toLowerCase()} AFTER ${event} ON ${table}
        REFERENCING ${referencing[event]} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
  }
}

function refreshFunctionSql(): string {
  return `
    CREATE FUNCTION pipeline_students_refresh(changed uuid[]) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
      IF cardinality(changed) = 0 THEN RETURN; END IF;
      -- Waits for another transaction refreshing these students; the statements below then
      -- read with a snapshot that includes what it committed.
      PERFORM 1 FROM pipeline_students WHERE student_id = ANY (changed)
        ORDER BY student_id FOR NO KEY UPDATE;
      DELETE FROM pipeline_students ps WHERE ps.student_id = ANY (changed)
        AND NOT EXISTS (SELECT 1 FROM students st WHERE st.id = ps.student_id
                          AND st.erased_at IS NULL AND st.expected_completion_year IS NOT NULL);
      INSERT INTO pipeline_students (student_id, ${COLUMNS.join(', ')})
      ${SUMMARY_SQL}
      ON CONFLICT (student_id) DO UPDATE SET
        ${COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
      WHERE (${COLUMNS.map((column) => `pipeline_students.${column}`).join(', ')})
            IS DISTINCT FROM (${COLUMNS.map((column) => `EXCLUDED.${column}`).join(', ')});
      -- The employers of their placements (any status), with what each recorded of them.
      DELETE FROM pipeline_student_employers WHERE student_id = ANY (changed);
      INSERT INTO pipeline_student_employers
        (student_id, organisation_id, outcome_known, offer_accepted)
      SELECT p.student_id, sl.organisation_id, bool_or(o.placement_id IS NOT NULL),
             coalesce(bool_or(o.job_offer = 'accepted'), false)
      FROM placements p JOIN slots sl ON sl.id = p.slot_id
      LEFT JOIN placement_outcomes o ON o.placement_id = p.id
      WHERE p.student_id = ANY (changed)
        AND EXISTS (SELECT 1 FROM pipeline_students ps WHERE ps.student_id = p.student_id)
      GROUP BY p.student_id, sl.organisation_id;
    END $$`;
}
