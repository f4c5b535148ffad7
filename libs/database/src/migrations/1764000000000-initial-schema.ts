import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations, programmes, users, students and slots. Composite foreign keys on (id, kind)
 * let the database itself refuse a coordinator of a company or a slot owned by a school.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await db.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('school', 'employer', 'public', 'network')),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9-]{2,60}$'),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisations_name_unique UNIQUE (name),
        CONSTRAINT organisations_slug_unique UNIQUE (slug),
        CONSTRAINT organisations_id_kind_unique UNIQUE (id, kind)
      )`);
    await db.query(`
      CREATE TABLE programmes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL,
        school_kind text NOT NULL DEFAULT 'school' CHECK (school_kind = 'school'),
        code text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,60}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        level text NOT NULL CHECK (level IN ('vocational', 'gymnasium', 'higher')),
        CONSTRAINT programmes_school_fk FOREIGN KEY (school_id, school_kind)
          REFERENCES organisations (id, kind) ON DELETE RESTRICT,
        CONSTRAINT programmes_school_code_unique UNIQUE (school_id, code),
        CONSTRAINT programmes_id_school_unique UNIQUE (id, school_id)
      )`);
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\\s]+@[^@\\s]+$' AND length(email) <= 254),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('student', 'coordinator', 'reviewer', 'admin')),
        organisation_id uuid,
        organisation_kind text,
        password_hash text CHECK (password_hash LIKE '$argon2id$%'),
        language text NOT NULL DEFAULT 'da' CHECK (language IN ('da', 'en')),
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_unique UNIQUE (email),
        CONSTRAINT users_organisation_fk FOREIGN KEY (organisation_id, organisation_kind)
          REFERENCES organisations (id, kind) ON DELETE RESTRICT,
        CONSTRAINT users_role_organisation_check CHECK (
          (role IN ('student', 'coordinator') AND organisation_kind = 'school' AND organisation_id IS NOT NULL)
          OR (role = 'reviewer' AND organisation_kind IN ('employer', 'public') AND organisation_id IS NOT NULL)
          OR (role = 'admin' AND organisation_id IS NULL AND organisation_kind IS NULL)
        )
      )`);
    await db.query(`CREATE INDEX users_organisation_idx ON users (organisation_id)`);
    await db.query(`
      CREATE TABLE students (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        school_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
        birth_date date NOT NULL CHECK (birth_date > '1900-01-01'),
        languages text[] NOT NULL DEFAULT '{da}'
          CHECK (cardinality(languages) >= 1 AND languages <@ ARRAY['da', 'en', 'de']::text[]),
        skills text[] NOT NULL DEFAULT '{}' CHECK (cardinality(skills) <= 30),
        interests text[] NOT NULL DEFAULT '{}'
          CHECK (interests <@ ARRAY['education-research-innovation', 'biotech-production', 'green-transition']::text[]),
        motivation text NOT NULL DEFAULT '' CHECK (length(motivation) <= 2000),
        available_from date NOT NULL,
        available_to date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT students_user_unique UNIQUE (user_id),
        CONSTRAINT students_programme_of_school_fk FOREIGN KEY (programme_id, school_id)
          REFERENCES programmes (id, school_id) ON DELETE RESTRICT,
        CONSTRAINT students_period_check CHECK (available_to > available_from)
      )`);
    await db.query(`CREATE INDEX students_school_idx ON students (school_id, full_name)`);
    await db.query(`
      CREATE TABLE slots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        organisation_kind text NOT NULL CHECK (organisation_kind IN ('employer', 'public')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
        focus_area text NOT NULL
          CHECK (focus_area IN ('education-research-innovation', 'biotech-production', 'green-transition')),
        skills text[] NOT NULL DEFAULT '{}' CHECK (cardinality(skills) <= 30),
        language text CHECK (language IN ('da', 'en', 'de')),
        min_age smallint CHECK (min_age BETWEEN 14 AND 30),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
        site text NOT NULL DEFAULT '' CHECK (length(site) <= 200),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT slots_organisation_fk FOREIGN KEY (organisation_id, organisation_kind)
          REFERENCES organisations (id, kind) ON DELETE RESTRICT,
        CONSTRAINT slots_period_check CHECK (ends_on > starts_on)
      )`);
    await db.query(`CREATE INDEX slots_organisation_idx ON slots (organisation_id)`);
    await db.query(`CREATE INDEX slots_open_idx ON slots (starts_on) WHERE status = 'open'`);
    await db.query(`
      CREATE TABLE slot_programmes (
        slot_id uuid NOT NULL REFERENCES slots (id) ON DELETE CASCADE,
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE RESTRICT,
        PRIMARY KEY (slot_id, programme_id)
      )`);
    await db.query(`CREATE INDEX slot_programmes_programme_idx ON slot_programmes (programme_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE slot_programmes`);
    await db.query(`DROP TABLE slots`);
    await db.query(`DROP TABLE students`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TABLE programmes`);
    await db.query(`DROP TABLE organisations`);
  }
}
