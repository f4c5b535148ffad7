import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { splitDatabaseUrl } from './database-url';

/**
 * Least privilege in PostgreSQL (docs/PRIVACY.md): the owner role owns the schema and runs the
 * migrations; the runtime role, which the api and worker connect as, owns nothing, is no
 * superuser, and may only read and write rows, except in the access log, where it may only add
 * and read them, and in the pipeline summary, which it may only read (its triggers write it). This file is the one place that sets the two roles up, for `migrate`, `seed`,
 * the demo, the tests and any embedded server.
 */

/** Rows the runtime may add and read, never change or remove. */
export const APPEND_ONLY_TABLES = ['access_log'] as const;
/** Rows only triggers write (running as the owner): the runtime may read them, never write. */
export const SUMMARY_TABLES = ['pipeline_students', 'pipeline_student_employers'] as const;
/** Tables the runtime never touches. */
export const OWNER_ONLY_TABLES = ['migrations'] as const;
export const RUNTIME_TABLE_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE';

/** Any fixed number: set-ups that race on one server create each role once. */
const ROLE_SETUP_LOCK_KEY = 7_340_152;

export interface DatabaseRole {
  name: string;
  password?: string;
}

/** The role and password a connection URL names. */
export function roleOf(databaseUrl: string): DatabaseRole {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.username);
  if (!name)
    throw new Error(`the database URL names no user: set one (${url.host}${url.pathname})`);
  return { name, password: url.password ? decodeURIComponent(url.password) : undefined };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the owner and runtime roles when missing, as plain login roles: no superuser, no
 * CREATEDB, no CREATEROLE, no BYPASSRLS. Roles are cluster-wide, so set-ups of several databases
 * (parallel test runs) race here: an advisory lock on the admin's database takes them in turn.
 * An existing role is left as it is (its password included).
 */
export async function ensureRoles(adminUrl: string, roles: DatabaseRole[]): Promise<void> {
  await withClient(adminUrl, async (client) => {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [ROLE_SETUP_LOCK_KEY]);
      for (const role of roles) {
        const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
        if (found.rowCount) continue;
        const password = role.password ? ` PASSWORD ${escapeLiteral(role.password)}` : '';
        await client.query(
          `CREATE ROLE ${escapeIdentifier(role.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE ` +
            `NOREPLICATION NOBYPASSRLS${password}`,
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Creates the database owned by the owner role, or hands an existing one (and every table,
 * sequence, view and function in it that someone else created, as before these roles existed)
 * to the owner role. Nobody but the owner may create objects in its public schema (temporary
 * tables stay allowed: BullMQ's PostgreSQL backend uses them).
 */
export async function ensureOwnedDatabase(
  adminUrl: string,
  databaseUrl: string,
  owner: string,
): Promise<void> {
  const { name } = splitDatabaseUrl(databaseUrl);
  await withClient(adminUrl, async (client) => {
    const found = await client.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [name],
    );
    if (!found.rowCount) {
      try {
        await client.query(
          `CREATE DATABASE ${escapeIdentifier(name)} OWNER ${escapeIdentifier(owner)}`,
        );
      } catch (error) {
        // created by a racer: found by name (42P04), or by the catalogue's unique index (23505)
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    } else if (found.rows[0].owner !== owner) {
      await client.query(
        `ALTER DATABASE ${escapeIdentifier(name)} OWNER TO ${escapeIdentifier(owner)}`,
      );
    }
  });
  const inDatabase = new URL(adminUrl);
  inDatabase.pathname = `/${encodeURIComponent(name)}`;
  await withClient(inDatabase.toString(), async (client) => {
    await client.query('BEGIN');
    try {
      await client.query(`SELECT pg_advisory_xact_lock($1)`, [ROLE_SETUP_LOCK_KEY]);
      await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
      const strangers = await client.query<{ statement: string }>(
        `SELECT format('ALTER %s %s OWNER TO %I',
                  CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' WHEN c.relkind IN ('v', 'm') THEN
                    CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'MATERIALIZED VIEW' END
                  ELSE 'TABLE' END, c.oid::regclass, $1::text) AS statement
           FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
            AND c.relowner <> $1::regrole
            -- a sequence owned by a column follows its table
            AND NOT EXISTS (SELECT 1 FROM pg_depend d
                             WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                               AND d.deptype IN ('a', 'i', 'e'))
         UNION ALL
         SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, $1::text)
           FROM pg_proc p
          WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> $1::regrole
            AND NOT EXISTS (SELECT 1 FROM pg_depend d
                             WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                               AND d.deptype = 'e')`,
        [owner],
      );
      for (const { statement } of strangers.rows) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Gives the runtime role what it needs and nothing more, run by the owner after migrations (in
 * one transaction, so the runtime never holds more for a moment). Default privileges cover
 * tables, sequences and schemas the owner creates later, also outside the public schema.
 */
export function runtimeGrants(runtime: string, existingTables: ReadonlySet<string>): string[] {
  const role = escapeIdentifier(runtime);
  const existing = (tables: readonly string[]) => tables.filter((t) => existingTables.has(t));
  return [
    `ALTER DEFAULT PRIVILEGES GRANT ${RUNTIME_TABLE_PRIVILEGES} ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO ${role}`,
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT ${RUNTIME_TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    ...existing(OWNER_ONLY_TABLES).map((table) => `REVOKE ALL ON TABLE ${table} FROM ${role}`),
    ...existing(APPEND_ONLY_TABLES).map(
      (table) =>
        `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE ${table} FROM ${role}`,
    ),
    ...existing(SUMMARY_TABLES).map(
      (table) =>
        `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE ${table} FROM ${role}`,
    ),
  ];
}
