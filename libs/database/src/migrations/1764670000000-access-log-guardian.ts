import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The guardian of a student under 18 sees the student's name and offer behind their one-time
 * link, without an account: the access log records it with the actor role `guardian` and no
 * actor id, like the worker's rows. Which request it was is in the purpose
 * (`... guardian consent <request id>`), which every guardian row must name; the request itself
 * is deleted with the student's other guardian data on erasure, the log row stays.
 *
 * `down` cannot take back the guardian rows written meanwhile (the log is never rewritten), so it
 * restores the former CHECKs as NOT VALID: new rows must again have one of the four roles, the
 * rows already written are kept.
 */
export class AccessLogGuardian1764670000000 implements MigrationInterface {
  name = 'AccessLogGuardian1764670000000';

  // The role CHECK is named `..._check1`: the table was created beside its predecessor, which
  // held the plain name then.
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE access_log
        DROP CONSTRAINT access_log_actor_role_check1,
        DROP CONSTRAINT access_log_actor_check,
        ADD CONSTRAINT access_log_actor_role_check
          CHECK (actor_role IN ('coordinator', 'reviewer', 'admin', 'worker', 'guardian')),
        ADD CONSTRAINT access_log_actor_check
          CHECK ((actor_role IN ('worker', 'guardian')) = (actor_id IS NULL)),
        ADD CONSTRAINT access_log_guardian_request_check
          CHECK (actor_role <> 'guardian' OR purpose ~ ' guardian consent [0-9a-f-]{36}$')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE access_log
        DROP CONSTRAINT access_log_guardian_request_check,
        DROP CONSTRAINT access_log_actor_role_check,
        DROP CONSTRAINT access_log_actor_check,
        ADD CONSTRAINT access_log_actor_role_check1
          CHECK (actor_role IN ('coordinator', 'reviewer', 'admin', 'worker')) NOT VALID,
        ADD CONSTRAINT access_log_actor_check
          CHECK ((actor_role = 'worker') = (actor_id IS NULL)) NOT VALID`);
  }
}
