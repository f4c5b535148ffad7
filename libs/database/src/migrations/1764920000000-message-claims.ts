import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a coordinator's bulk message last went to a student: "remind those who have not ranked"
 * (per round) and "send invitations again". A press claims each student with one conditional
 * upsert, so two presses at once (from two api processes too) send each message once, and a
 * press within the quiet time sends nothing to that student. Written by libs/notifications.
 * A reminder names its round; an invitation names none.
 */
export class MessageClaims1764920000000 implements MigrationInterface {
  name = 'MessageClaims1764920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE message_claims (
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        round_id uuid REFERENCES rounds (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('preferences.reminder', 'invitation')),
        last_sent_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT message_claims_round_of_kind
          CHECK ((kind = 'preferences.reminder') = (round_id IS NOT NULL))
      )`);
    await db.query(`
      CREATE UNIQUE INDEX message_claims_per_round ON message_claims (student_id, round_id, kind)
       WHERE round_id IS NOT NULL`);
    await db.query(`
      CREATE UNIQUE INDEX message_claims_per_student ON message_claims (student_id, kind)
       WHERE round_id IS NULL`);
    await db.query(`CREATE INDEX message_claims_round ON message_claims (round_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE message_claims`);
  }
}
