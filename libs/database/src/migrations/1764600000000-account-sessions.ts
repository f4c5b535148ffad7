import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of users that a sign-in carries or depends on; a change ends every session. */
const SESSION_COLUMNS = ['role', 'organisation_id', 'password_hash', 'deactivated_at', 'email'];

/**
 * Sessions that end when the account changes. Each account has a session version, carried in
 * every access token and raised by the database itself in the transaction that changes the
 * account's role, organisation, password, e-mail or deactivation (or on "sign out
 * everywhere"); a token of an older version is refused. A single session ended by signing out
 * is kept in ended_sessions until the token would have expired anyway. Every change of either
 * sends a notification on channel account_sessions with the user id, on commit, so each api
 * instance drops what it remembers of the account without asking the database per request.
 * Deleting the account (erasure) and linking or unlinking a student profile notify too.
 */
export class AccountSessions1764600000000 implements MigrationInterface {
  name = 'AccountSessions1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users
        ADD COLUMN session_version bigint NOT NULL DEFAULT 0 CHECK (session_version >= 0),
        ADD COLUMN deactivated_at timestamptz,
        ADD CONSTRAINT users_students_not_deactivated CHECK (deactivated_at IS NULL OR role <> 'student')`);
    await db.query(`
      CREATE TABLE ended_sessions (
        session_id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ended_sessions_user_idx ON ended_sessions (user_id, expires_at)`);
    const changed = SESSION_COLUMNS.map(
      (column) => `NEW.${column} IS DISTINCT FROM OLD.${column}`,
    ).join(' OR ');
    await db.query(`
      CREATE FUNCTION raise_session_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF ${changed} THEN
          NEW.session_version := greatest(NEW.session_version, OLD.session_version + 1);
        ELSIF NEW.session_version < OLD.session_version THEN
          NEW.session_version := OLD.session_version;
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER users_raise_session_version BEFORE UPDATE ON users
        FOR EACH ROW EXECUTE FUNCTION raise_session_version()`);
    await db.query(`
      CREATE FUNCTION notify_account_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'ended_sessions' THEN
          PERFORM pg_notify('account_sessions', NEW.user_id::text);
        ELSIF TG_TABLE_NAME = 'students' THEN
          IF OLD.user_id IS NOT NULL THEN
            PERFORM pg_notify('account_sessions', OLD.user_id::text);
          END IF;
          IF NEW.user_id IS NOT NULL THEN
            PERFORM pg_notify('account_sessions', NEW.user_id::text);
          END IF;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('account_sessions', OLD.id::text);
        ELSE
          PERFORM pg_notify('account_sessions', NEW.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER users_notify_session_version AFTER UPDATE ON users FOR EACH ROW
        WHEN (NEW.session_version IS DISTINCT FROM OLD.session_version)
        EXECUTE FUNCTION notify_account_sessions()`);
    await db.query(`
      CREATE TRIGGER users_notify_deleted AFTER DELETE ON users FOR EACH ROW
        EXECUTE FUNCTION notify_account_sessions()`);
    await db.query(`
      CREATE TRIGGER ended_sessions_notify AFTER INSERT ON ended_sessions FOR EACH ROW
        EXECUTE FUNCTION notify_account_sessions()`);
    // The student profile a sign-in carries, linked or unlinked (erasure).
    await db.query(`
      CREATE TRIGGER students_notify_account AFTER UPDATE OF user_id ON students FOR EACH ROW
        WHEN (NEW.user_id IS DISTINCT FROM OLD.user_id)
        EXECUTE FUNCTION notify_account_sessions()`);
    await db.query(`
      CREATE TRIGGER students_notify_account_created AFTER INSERT ON students FOR EACH ROW
        WHEN (NEW.user_id IS NOT NULL)
        EXECUTE FUNCTION notify_account_sessions()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER students_notify_account_created ON students`);
    await db.query(`DROP TRIGGER students_notify_account ON students`);
    await db.query(`DROP TRIGGER ended_sessions_notify ON ended_sessions`);
    await db.query(`DROP TRIGGER users_notify_deleted ON users`);
    await db.query(`DROP TRIGGER users_notify_session_version ON users`);
    await db.query(`DROP FUNCTION notify_account_sessions()`);
    await db.query(`DROP TRIGGER users_raise_session_version ON users`);
    await db.query(`DROP FUNCTION raise_session_version()`);
    await db.query(`DROP TABLE ended_sessions`);
    await db.query(`
      ALTER TABLE users DROP CONSTRAINT users_students_not_deactivated,
        DROP COLUMN deactivated_at, DROP COLUMN session_version`);
  }
}
