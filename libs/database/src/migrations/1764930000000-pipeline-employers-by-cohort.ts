import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  PIPELINE_MATCHED_STANDINGS,
  PIPELINE_PLACED_STANDINGS,
  pipelineStandingsSql,
} from './1764850000000-pipeline-students';

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
/**
 * What a (student, employer) pair copies of its student's summary row: all the employer
 * grouping counts but the outcome and offer, which are the pair's own (what that employer
 * recorded).
 */
const COPIED = COLUMNS.filter(
  (column) => !['programme_id', 'outcome_known', 'offer_accepted'].includes(column),
);

/** The summary rows of the students in `changed`, as migration 1764850000000 spells them. */
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

/**
 * The employer grouping of the pipeline report joined every (student, employer) pair of a
 * cohort to its student's summary row, which took two sorts or a probe per student. Each pair
 * now carries a copy of its student's cohort, school and funnel flags (all but the outcome and
 * offer, which are the pair's own), so the grouping reads one cohort's pairs and nothing else,
 * under an index on (cohort, organisation). `pipeline_students_refresh` is re-created to write
 * the copies: it rewrites a student's pairs after their summary row in every refresh, so the
 * copies cannot drift. It now also locks the students' own rows before it reads: it locked
 * their summary rows, and so did not wait when a student entering a cohort (no summary row
 * yet) had an outcome recorded at the same time, and lost the outcome. The rest is as
 * migration 1764850000000 wrote it.
 */
export class PipelineEmployersByCohort1764930000000 implements MigrationInterface {
  name = 'PipelineEmployersByCohort1764930000000';

  async up(db: QueryRunner): Promise<void> {
    const copied = COPIED.filter((column) => column !== 'school_id' && column !== 'cohort');
    await db.query(`
      ALTER TABLE pipeline_student_employers ADD COLUMN cohort smallint,
        ADD COLUMN school_id uuid,
        ${copied.map((flag) => `ADD COLUMN ${flag} boolean`).join(',\n        ')}`);
    await db.query(`
      UPDATE pipeline_student_employers pe
      SET ${COPIED.map((column) => `${column} = ps.${column}`).join(', ')}
      FROM pipeline_students ps WHERE ps.student_id = pe.student_id`);
    await db.query(`
      ALTER TABLE pipeline_student_employers
        ${COPIED.map((column) => `ALTER COLUMN ${column} SET NOT NULL`).join(',\n        ')}`);
    await db.query(`
      CREATE INDEX pipeline_student_employers_cohort_idx
        ON pipeline_student_employers (cohort, organisation_id)`);
    await db.query(refreshFunctionSql(true));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(refreshFunctionSql(false));
    await db.query(`DROP INDEX pipeline_student_employers_cohort_idx`);
    await db.query(`
      ALTER TABLE pipeline_student_employers
        ${COPIED.map((column) => `DROP COLUMN ${column}`).join(',\n        ')}`);
  }
}

function refreshFunctionSql(copies: boolean): string {
  const lock = copies
    ? `-- Waits for another transaction that changes or refreshes these students (an UPDATE of a
      -- student holds the same lock); the statements below then read with a snapshot that
      -- includes what it committed. The students' rows, not their summary rows: a student
      -- who is not in the summary yet has none to lock.
      PERFORM 1 FROM students WHERE id = ANY (changed) ORDER BY id FOR NO KEY UPDATE;`
    : `-- Waits for another transaction refreshing these students; the statements below then
      -- read with a snapshot that includes what it committed.
      PERFORM 1 FROM pipeline_students WHERE student_id = ANY (changed)
        ORDER BY student_id FOR NO KEY UPDATE;`;
  const employers = copies
    ? `INSERT INTO pipeline_student_employers
        (student_id, organisation_id, outcome_known, offer_accepted, ${COPIED.join(', ')})
      SELECT p.student_id, sl.organisation_id, bool_or(o.placement_id IS NOT NULL),
             coalesce(bool_or(o.job_offer = 'accepted'), false),
             ${COPIED.map((column) => `ps.${column}`).join(', ')}
      FROM placements p JOIN pipeline_students ps ON ps.student_id = p.student_id
      JOIN slots sl ON sl.id = p.slot_id
      LEFT JOIN placement_outcomes o ON o.placement_id = p.id
      WHERE p.student_id = ANY (changed)
      GROUP BY p.student_id, sl.organisation_id, ps.student_id;`
    : `INSERT INTO pipeline_student_employers
        (student_id, organisation_id, outcome_known, offer_accepted)
      SELECT p.student_id, sl.organisation_id, bool_or(o.placement_id IS NOT NULL),
             coalesce(bool_or(o.job_offer = 'accepted'), false)
      FROM placements p JOIN slots sl ON sl.id = p.slot_id
      LEFT JOIN placement_outcomes o ON o.placement_id = p.id
      WHERE p.student_id = ANY (changed)
        AND EXISTS (SELECT 1 FROM pipeline_students ps WHERE ps.student_id = p.student_id)
      GROUP BY p.student_id, sl.organisation_id;`;
  return `
    CREATE OR REPLACE FUNCTION pipeline_students_refresh(changed uuid[]) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
      IF cardinality(changed) = 0 THEN RETURN; END IF;
      ${lock}
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
      ${employers}
    END $$`;
}
