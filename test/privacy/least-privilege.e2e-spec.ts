import { loadConfig, OWNER_ROLE, RUNTIME_ROLE, withUser } from '@app/config';
import { dropDatabase, ensureRoles, prepareDatabase, roleOf } from '@app/database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runEntryPoint } from '../support/processes';

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** PostgreSQL's answer to `sql` ("code: message"), inside a transaction that is rolled back. */
async function refusal(client: Client, sql: string): Promise<string | undefined> {
  await client.query('BEGIN');
  try {
    await client.query(sql);
    return undefined;
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  } finally {
    await client.query('ROLLBACK');
  }
}

/**
 * Refused for want of a privilege, before any trigger runs (the access log's own triggers answer
 * with the same code, but say "append-only").
 */
const NOT_PERMITTED = expect.stringMatching(
  /^42501: (permission denied|must be owner|must be superuser)/,
);

/** The run's settings, pointed at a database of its own name. */
function settingsFor(database: string) {
  const run = loadConfig();
  const url = new URL(run.DATABASE_URL);
  url.pathname = `/${database}`;
  return loadConfig({ ...process.env, DATABASE_URL: url.toString() });
}

describe('least privilege in PostgreSQL', () => {
  let runtime: Client;

  beforeAll(async () => {
    runtime = await connect(loadConfig().DATABASE_URL);
  });

  afterAll(() => runtime.end());

  it('connects the suite, like the api, as a runtime role that is no superuser and owns nothing', async () => {
    const [role] = (
      await runtime.query(
        `SELECT current_user AS name, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls,
                (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned
           FROM pg_roles r WHERE rolname = current_user`,
      )
    ).rows;
    expect(role).toEqual({
      name: RUNTIME_ROLE,
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolbypassrls: false,
      owned: 0,
    });
    const owners = await runtime.query(
      `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(owners.rows).toEqual([{ tableowner: OWNER_ROLE }]);
  });

  it('refuses the runtime role every statement that rewrites the access log, the pipeline summary or the schema', async () => {
    const statements = [
      `UPDATE access_log SET purpose = 'nothing'`,
      `DELETE FROM access_log`,
      `TRUNCATE access_log`,
      `ALTER TABLE access_log DISABLE TRIGGER access_log_append_only`,
      `ALTER TABLE access_log DISABLE TRIGGER ALL`,
      `ALTER TABLE students DISABLE TRIGGER students_keep_logged`,
      `DROP TABLE access_log`,
      `DROP TRIGGER access_log_append_only ON access_log`,
      `DROP FUNCTION access_log_refuse_rewrite() CASCADE`,
      `CREATE OR REPLACE FUNCTION access_log_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      `SET LOCAL session_replication_role = replica`,
      `SET session_replication_role = replica`,
      `LOCK TABLE access_log IN ACCESS EXCLUSIVE MODE`,
      `CREATE TABLE intruder (id int)`,
      `CREATE SCHEMA intruder`,
      `ALTER TABLE students ADD COLUMN intruder text`,
      `DROP TABLE students CASCADE`,
      `CREATE TRIGGER intruder BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_refuse_rewrite()`,
      `SELECT * FROM migrations`,
      `DELETE FROM migrations`,
      `SET ROLE ${OWNER_ROLE}`,
      `ALTER ROLE ${RUNTIME_ROLE} SUPERUSER`,
      `CREATE ROLE intruder SUPERUSER`,
      `COPY access_log FROM PROGRAM 'true'`,
    ];
    const answers = [];
    for (const sql of statements) answers.push({ sql, answer: await refusal(runtime, sql) });
    expect(answers).toEqual(statements.map((sql) => ({ sql, answer: NOT_PERMITTED })));

    // The pipeline summary is written by its triggers only, which run as the owner.
    const summary = [
      `INSERT INTO pipeline_students SELECT * FROM pipeline_students LIMIT 0`,
      `UPDATE pipeline_students SET ranked = NOT ranked`,
      `DELETE FROM pipeline_students`,
      `TRUNCATE pipeline_students`,
      `INSERT INTO pipeline_student_employers SELECT * FROM pipeline_student_employers LIMIT 0`,
      `UPDATE pipeline_student_employers SET offer_accepted = true`,
      `DELETE FROM pipeline_student_employers`,
      `TRUNCATE pipeline_student_employers`,
      `ALTER TABLE pipeline_students DISABLE TRIGGER ALL`,
      `ALTER TABLE students DISABLE TRIGGER pipeline_update`,
      `DROP TRIGGER pipeline_insert ON placement_outcomes`,
      `SELECT pipeline_students_refresh(ARRAY(SELECT id FROM students))`,
      `ALTER FUNCTION pipeline_student_rows_changed() SECURITY INVOKER`,
      `CREATE OR REPLACE FUNCTION pipeline_students_refresh(changed uuid[]) RETURNS void LANGUAGE sql AS $$ SELECT $$`,
      `DROP FUNCTION pipeline_students_refresh(uuid[]) CASCADE`,
    ];
    const summaryAnswers = [];
    for (const sql of summary) summaryAnswers.push({ sql, answer: await refusal(runtime, sql) });
    expect(summaryAnswers).toEqual(summary.map((sql) => ({ sql, answer: NOT_PERMITTED })));
    for (const table of ['pipeline_students', 'pipeline_student_employers']) {
      expect(await refusal(runtime, `SELECT count(*) FROM ${table}`)).toBeUndefined();
    }
    const functions = await runtime.query(
      `SELECT p.proname AS name, pg_get_userbyid(p.proowner) AS owner, p.prosecdef AS definer,
              p.proconfig AS config
         FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
          AND p.proname IN ('pipeline_student_rows_changed', 'pipeline_students_changed',
                            'pipeline_rounds_changed', 'pipeline_slots_changed')
        ORDER BY p.proname`,
    );
    expect(functions.rows).toEqual(
      [
        'pipeline_rounds_changed',
        'pipeline_slots_changed',
        'pipeline_student_rows_changed',
        'pipeline_students_changed',
      ].map((name) => ({
        name,
        owner: OWNER_ROLE,
        definer: true,
        config: ['search_path=public, pg_temp'],
      })),
    );

    // What the api needs it keeps: reading the log, and adding to it (past the privilege check,
    // this row is refused by the log's own rule: it names no real student).
    expect(await refusal(runtime, `SELECT count(*) FROM access_log`)).toBeUndefined();
    expect(
      await refusal(
        runtime,
        `INSERT INTO access_log (actor_role, student_ids, action, purpose, fields)
         VALUES ('worker', ARRAY[gen_random_uuid()], 'read', 'least-privilege test', '{name}')`,
      ),
    ).toMatch(/^23503: access_log names student/);
  });

  it('sets the roles and several databases up at once, and again, without a failure', async () => {
    const run = loadConfig();
    const base = new URL(run.DATABASE_URL).pathname.slice(1);
    const databases = [1, 2, 3].map((n) => `${base}_lp${n}${randomBytes(2).toString('hex')}`);
    const settings = databases.map(settingsFor);
    try {
      const roles = [roleOf(run.DATABASE_OWNER_URL), roleOf(run.DATABASE_URL)];
      await Promise.all([
        ...settings.map((s) => prepareDatabase(s, { create: true, migrate: true })),
        ...settings.map((s) => prepareDatabase(s, { create: true, migrate: true })),
        ensureRoles(run.DATABASE_ADMIN_URL!, roles),
        ensureRoles(run.DATABASE_ADMIN_URL!, roles),
      ]);
      for (const s of settings) {
        const client = await connect(s.DATABASE_URL);
        try {
          expect(await refusal(client, `DELETE FROM access_log`)).toEqual(NOT_PERMITTED);
          expect(await refusal(client, `SELECT count(*) FROM students`)).toBeUndefined();
        } finally {
          await client.end();
        }
      }
    } finally {
      await Promise.all(settings.map((s) => dropDatabase(s)));
    }
  }, 120_000);

  it('hands a database whose tables another role created to the owner role', async () => {
    const run = loadConfig();
    const database = `${new URL(run.DATABASE_URL).pathname.slice(1)}_lpold`;
    const settings = settingsFor(database);
    const admin = await connect(run.DATABASE_ADMIN_URL!);
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
      const inside = new URL(run.DATABASE_ADMIN_URL!);
      inside.pathname = `/${database}`;
      const old = await connect(inside.toString());
      await old.query(`CREATE TABLE organisations_old (id serial PRIMARY KEY)`);
      await old.end();

      await prepareDatabase(settings, { create: true, migrate: true });

      const client = await connect(settings.DATABASE_URL);
      try {
        const owners = await client.query(
          `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`,
        );
        expect(owners.rows).toEqual([{ tableowner: OWNER_ROLE }]);
        expect(
          await refusal(client, `INSERT INTO organisations_old DEFAULT VALUES`),
        ).toBeUndefined();
      } finally {
        await client.end();
      }
    } finally {
      await admin.end();
      await dropDatabase(settings);
    }
  }, 60_000);

  it('starts the api in production only as the runtime role, migrating as the owner', async () => {
    const run = loadConfig();
    const database = `${new URL(run.DATABASE_URL).pathname.slice(1)}_lpprod`;
    const settings = settingsFor(database);
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(24).toString('hex'),
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_ADMIN_URL: '',
    };
    try {
      await prepareDatabase(settings, { create: true }); // created, not migrated
      const superuser = withUser(settings.DATABASE_URL, roleOf(run.DATABASE_ADMIN_URL!).name);
      const refused = runEntryPoint('apps/api/src/main.ts', [], {
        ...production,
        DATABASE_URL: superuser,
        DATABASE_OWNER_URL: settings.DATABASE_OWNER_URL,
        MIGRATE_ON_START: 'false',
      });
      await expect(refused.exited).resolves.toEqual({ code: 1, signal: null });
      expect(refused.output().trim()).toBe(
        `DATABASE_URL connects as ${roleOf(superuser).name}, a PostgreSQL superuser: the api and ` +
          'worker must connect as the runtime role, migrations as DATABASE_OWNER_URL ' +
          '(README, "Running in production").',
      );

      const api = runEntryPoint('apps/api/src/main.ts', [], {
        ...production,
        DATABASE_URL: settings.DATABASE_URL,
        DATABASE_OWNER_URL: settings.DATABASE_OWNER_URL,
        MIGRATE_ON_START: 'true',
      });
      try {
        await api.waitFor(/API listening/, 120_000);
      } finally {
        api.child.kill('SIGTERM');
        await api.exited;
      }
      const client = await connect(settings.DATABASE_URL);
      try {
        const owners = await client.query(
          `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`,
        );
        expect(owners.rows).toEqual([{ tableowner: OWNER_ROLE }]);
        expect(await refusal(client, `TRUNCATE access_log`)).toEqual(NOT_PERMITTED);
      } finally {
        await client.end();
      }
    } finally {
      await dropDatabase(settings);
    }
  }, 240_000);
});
