import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching rounds: the slots in a round, students' preferences, hosts' rankings, each run of the
 * engine, its assignments, and the placements (offers) that follow. The invariants that must
 * hold under concurrency live here: one preference list entry per rank, a ranking only of a
 * student who ranked the slot, one placement per student per round, and a slot's accepted seats
 * never above its capacity.
 */
export class Rounds1764100000000 implements MigrationInterface {
  name = 'Rounds1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rounds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'open', 'closed', 'matching', 'matched', 'published')),
        preferences_open_at timestamptz NOT NULL,
        preferences_close_at timestamptz NOT NULL,
        offer_answer_days smallint NOT NULL DEFAULT 7 CHECK (offer_answer_days BETWEEN 1 AND 60),
        proposer text NOT NULL DEFAULT 'students' CHECK (proposer IN ('students', 'slots')),
        seed text NOT NULL CHECK (length(seed) BETWEEN 1 AND 200),
        parent_round_id uuid REFERENCES rounds (id) ON DELETE RESTRICT,
        run_requests integer NOT NULL DEFAULT 0 CHECK (run_requests >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        opened_at timestamptz,
        matched_at timestamptz,
        published_at timestamptz,
        CONSTRAINT rounds_window_check CHECK (preferences_close_at > preferences_open_at)
      )`);
    await db.query(`
      CREATE TABLE round_slots (
        round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        slot_id uuid NOT NULL REFERENCES slots (id) ON DELETE RESTRICT,
        seats integer NOT NULL CHECK (seats >= 1),
        filled integer CHECK (filled BETWEEN 0 AND seats),
        cutoff_rank integer CHECK (cutoff_rank >= 1),
        PRIMARY KEY (round_id, slot_id)
      )`);
    await db.query(`CREATE INDEX round_slots_slot_idx ON round_slots (slot_id)`);
    await db.query(`
      CREATE TABLE preferences (
        round_id uuid NOT NULL,
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        slot_id uuid NOT NULL,
        rank smallint NOT NULL CHECK (rank BETWEEN 1 AND 10),
        PRIMARY KEY (round_id, student_id, slot_id),
        CONSTRAINT preferences_rank_unique UNIQUE (round_id, student_id, rank) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT preferences_round_slot_fk FOREIGN KEY (round_id, slot_id)
          REFERENCES round_slots (round_id, slot_id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX preferences_slot_idx ON preferences (round_id, slot_id)`);
    await db.query(`CREATE INDEX preferences_student_idx ON preferences (student_id)`);
    await db.query(`
      CREATE TABLE rankings (
        round_id uuid NOT NULL,
        slot_id uuid NOT NULL,
        student_id uuid NOT NULL,
        rank integer NOT NULL CHECK (rank >= 1),
        PRIMARY KEY (round_id, slot_id, student_id),
        CONSTRAINT rankings_rank_unique UNIQUE (round_id, slot_id, rank) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT rankings_preference_fk FOREIGN KEY (round_id, student_id, slot_id)
          REFERENCES preferences (round_id, student_id, slot_id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX rankings_student_idx ON rankings (student_id)`);
    await db.query(`
      CREATE TABLE round_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        input_hash text NOT NULL CHECK (input_hash ~ '^[0-9a-f]{64}$'),
        seed text NOT NULL,
        engine_version text NOT NULL,
        proposer text NOT NULL CHECK (proposer IN ('students', 'slots')),
        blocking_pairs integer NOT NULL CHECK (blocking_pairs = 0),
        students integer NOT NULL CHECK (students >= 0),
        slots integer NOT NULL CHECK (slots >= 0),
        matched integer NOT NULL CHECK (matched BETWEEN 0 AND students),
        proposals bigint NOT NULL CHECK (proposals >= 0),
        match_ms double precision NOT NULL CHECK (match_ms >= 0),
        total_ms double precision NOT NULL CHECK (total_ms >= 0),
        finished_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT round_runs_one_per_round UNIQUE (round_id)
      )`);
    await db.query(`
      CREATE TABLE assignments (
        round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        slot_id uuid,
        student_rank smallint CHECK (student_rank BETWEEN 1 AND 10),
        PRIMARY KEY (round_id, student_id),
        CONSTRAINT assignments_round_slot_fk FOREIGN KEY (round_id, slot_id)
          REFERENCES round_slots (round_id, slot_id) ON DELETE RESTRICT,
        CONSTRAINT assignments_rank_check CHECK ((slot_id IS NULL) = (student_rank IS NULL))
      )`);
    await db.query(`CREATE INDEX assignments_slot_idx ON assignments (round_id, slot_id)`);
    await db.query(`
      ALTER TABLE slots ADD COLUMN seats_taken integer NOT NULL DEFAULT 0,
        ADD CONSTRAINT slots_seats_taken_check CHECK (seats_taken BETWEEN 0 AND capacity)`);
    await db.query(`
      CREATE TABLE placements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE RESTRICT,
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        slot_id uuid NOT NULL REFERENCES slots (id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'offered'
          CHECK (status IN ('offered', 'accepted', 'declined', 'expired', 'confirmed', 'withdrawn')),
        offered_at timestamptz NOT NULL DEFAULT now(),
        deadline_at timestamptz NOT NULL,
        answered_at timestamptz,
        confirmed_at timestamptz,
        confirmed_by uuid REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT placements_one_per_student_per_round UNIQUE (round_id, student_id),
        CONSTRAINT placements_deadline_check CHECK (deadline_at > offered_at),
        CONSTRAINT placements_answer_check CHECK ((status = 'offered') = (answered_at IS NULL)),
        CONSTRAINT placements_confirm_check CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL))
      )`);
    await db.query(`
      CREATE UNIQUE INDEX placements_one_active_per_student ON placements (student_id)
        WHERE status IN ('accepted', 'confirmed')`);
    await db.query(`CREATE INDEX placements_slot_idx ON placements (slot_id, status)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE placements`);
    await db.query(`ALTER TABLE slots DROP COLUMN seats_taken`);
    await db.query(`DROP TABLE assignments`);
    await db.query(`DROP TABLE round_runs`);
    await db.query(`DROP TABLE rankings`);
    await db.query(`DROP TABLE preferences`);
    await db.query(`DROP TABLE round_slots`);
    await db.query(`DROP TABLE rounds`);
  }
}
