import { MigrationInterface, QueryRunner } from 'typeorm';

/** The trigger functions of migration 1764850000000 that refresh the pipeline summary. */
const TRIGGER_FUNCTIONS = [
  'pipeline_student_rows_changed',
  'pipeline_students_changed',
  'pipeline_rounds_changed',
  'pipeline_slots_changed',
];

/**
 * Only the triggers write the pipeline summary (`pipeline_students`,
 * `pipeline_student_employers`): the runtime role keeps SELECT on them and loses every write
 * (SUMMARY_TABLES in database-roles.ts), so their trigger functions run as the owner that
 * created them (SECURITY DEFINER), with a fixed search path (the schema, then pg_temp, so that
 * no temporary table can stand in for one of the schema's). The refresh
 * itself may be called by the owner only: the runtime reaches it through the triggers.
 */
export class PipelineSummaryByTriggersOnly1764930000001 implements MigrationInterface {
  name = 'PipelineSummaryByTriggersOnly1764930000001';

  async up(db: QueryRunner): Promise<void> {
    for (const fn of TRIGGER_FUNCTIONS) {
      await db.query(`ALTER FUNCTION ${fn}() SECURITY DEFINER SET search_path = public, pg_temp`);
    }
    await db.query(
      `ALTER FUNCTION pipeline_students_refresh(uuid[]) SET search_path = public, pg_temp`,
    );
    await db.query(`REVOKE EXECUTE ON FUNCTION pipeline_students_refresh(uuid[]) FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`GRANT EXECUTE ON FUNCTION pipeline_students_refresh(uuid[]) TO PUBLIC`);
    await db.query(`ALTER FUNCTION pipeline_students_refresh(uuid[]) RESET search_path`);
    for (const fn of TRIGGER_FUNCTIONS) {
      await db.query(`ALTER FUNCTION ${fn}() SECURITY INVOKER RESET search_path`);
    }
  }
}
