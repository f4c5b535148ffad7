import { prepared, queryPrepared, StatementBatcher } from '@app/database';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type AccessAction = 'read' | 'change' | 'export' | 'erase';
export type ActorRole = 'coordinator' | 'reviewer' | 'admin' | 'worker' | 'guardian';

/**
 * Whoever touches a student's data: a signed-in user (an AuthUser fits), or the worker. A
 * student's own reads and changes are not logged: the log answers who *else* saw them.
 */
export interface AccessActor {
  id: string;
  role: string;
  studentId?: string | null;
}

/** The worker, for data read by a job; its purpose names the job. */
export const WORKER: AccessActor = { id: 'worker', role: 'worker' };

/**
 * The guardian a student named, who has no account and answers through their one-time link;
 * the purpose must name the request (`guardianPurpose`).
 */
export const GUARDIAN: AccessActor = { id: 'guardian', role: 'guardian' };

/** The purpose of a guardian's row: the route and the consent request whose link was used. */
export function guardianPurpose(route: string, consentId: string): string {
  return `${route} guardian consent ${consentId}`;
}

/** Actors with no account, logged without an actor id. */
const ACCOUNTLESS: readonly string[] = ['worker', 'guardian'];

export interface AccessEntry {
  studentId: string;
  fields: readonly string[];
}

export interface AccessRecord {
  action: AccessAction;
  /** The route (`GET /api/students/:id`) or job (`job run-round <job id>`). */
  purpose: string;
  entries: readonly AccessEntry[];
}

export interface AccessLogView {
  id: string;
  at: Date;
  studentId: string;
  actor: { id: string | null; role: ActorRole; organisation: { id: string; name: string } | null };
  action: AccessAction;
  purpose: string;
  fields: string[];
}

export interface AccessLogFilter {
  studentId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

interface AccessLogRow {
  id: string;
  at: Date;
  studentId: string;
  actorId: string | null;
  actorRole: ActorRole;
  organisationId: string | null;
  organisationName: string | null;
  action: AccessAction;
  purpose: string;
  fields: string[];
  total: string;
}

const ACTOR_ROLES: readonly string[] = ['coordinator', 'reviewer', 'admin', 'worker', 'guardian'];

/** Students named by one access-log row at most; a longer list is written as several rows. */
export const STUDENTS_PER_ROW = 1000;

/** One access-log row as the insert statement takes it: lists comma-joined. */
interface LogRow {
  actorId: string | null;
  actorRole: string;
  action: AccessAction;
  purpose: string;
  studentIds: string;
  fields: string;
}

/** Any number of rows, column by column. */
const INSERT_ROWS = prepared(
  'access-log-insert',
  `INSERT INTO access_log (actor_id, actor_role, student_ids, action, purpose, fields)
   SELECT r.actor_id, r.actor_role, string_to_array(r.student_ids, ',')::uuid[], r.action,
          r.purpose, string_to_array(r.fields, ',')
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       AS r(actor_id, actor_role, student_ids, action, purpose, fields)`,
);

/**
 * The access log (adgangslog). A request or job is recorded as one row naming every student whose
 * data it read or changed (one per set of fields, and per thousand students). In the caller's
 * transaction when there is one, so a change that rolls back leaves no record of having
 * happened. Reads outside a transaction, which is every list a coordinator or reviewer opens,
 * share their insert with the reads logged at the same moment (StatementBatcher): under load one
 * statement records many requests, and each request still answers only once its row is written.
 */
@Injectable()
export class AccessLogService {
  private readonly inserts = new StatementBatcher((batch: LogRow[][]) => this.insertMany(batch));

  constructor(private readonly dataSource: DataSource) {}

  async record(
    actor: AccessActor,
    record: AccessRecord,
    db: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const entries = record.entries.filter(
      (entry) => entry.studentId !== actor.studentId && entry.fields.length > 0,
    );
    if (entries.length === 0 || !ACTOR_ROLES.includes(actor.role)) return;
    const rows = groupByFields(entries).map((group): LogRow => ({
      actorId: ACCOUNTLESS.includes(actor.role) ? null : actor.id,
      actorRole: actor.role,
      action: record.action,
      purpose: record.purpose.slice(0, 300),
      studentIds: group.studentIds.join(','),
      fields: group.fields,
    }));
    if (db.queryRunner) await db.query(INSERT_ROWS.text, columns(rows));
    else await this.inserts.submit(rows);
  }

  private async insertMany(batch: LogRow[][]): Promise<void[]> {
    await queryPrepared(this.dataSource, INSERT_ROWS, columns(batch.flat()));
    return batch.map(() => undefined);
  }

  /** The same fields of many students, as a list request shows them. */
  recordList(
    actor: AccessActor,
    purpose: string,
    studentIds: readonly string[],
    fields: readonly string[],
    db?: EntityManager,
  ): Promise<void> {
    const entries = studentIds.map((studentId) => ({ studentId, fields }));
    return this.record(actor, { action: 'read', purpose, entries }, db);
  }

  /**
   * A round run reads the matching inputs of every student who ranked a slot in the round: one
   * row per thousand students, written by the worker in one INSERT ... SELECT however large the
   * round.
   */
  async recordRoundRun(roundId: string, jobId: string, fields: readonly string[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO access_log (actor_id, actor_role, student_ids, action, purpose, fields)
       SELECT NULL::uuid, 'worker', array_agg(student_id ORDER BY student_id), 'read', $2, $3::text[]
         FROM (SELECT student_id, (row_number() OVER (ORDER BY student_id) - 1) / $4 AS part
                 FROM (SELECT DISTINCT student_id FROM assignments WHERE round_id = $1) AS ran
              ) AS parted
        GROUP BY part`,
      [roundId, `job run-round ${jobId}`, fields, STUDENTS_PER_ROW],
    );
  }

  /** Newest first; an entry per student a row names (the one asked for, when one is). */
  async search(filter: AccessLogFilter): Promise<{ items: AccessLogView[]; total: number }> {
    const rows: AccessLogRow[] = await this.dataSource.query(
      `SELECT l.id, l.at, named.student_id AS "studentId", l.actor_id AS "actorId",
              l.actor_role AS "actorRole", o.id AS "organisationId", o.name AS "organisationName",
              l.action, l.purpose, l.fields, count(*) OVER () AS total
       FROM access_log l
       CROSS JOIN LATERAL unnest(l.student_ids) WITH ORDINALITY AS named(student_id, n)
       LEFT JOIN users u ON u.id = l.actor_id
       LEFT JOIN organisations o ON o.id = u.organisation_id
       WHERE ($1::uuid IS NULL OR (l.student_ids @> ARRAY[$1::uuid] AND named.student_id = $1))
         AND ($2::uuid IS NULL OR l.actor_id = $2)
         AND ($3::timestamptz IS NULL OR l.at >= $3)
         AND ($4::timestamptz IS NULL OR l.at < $4)
       ORDER BY l.at DESC, l.id, named.n
       LIMIT $5 OFFSET $6`,
      [
        filter.studentId ?? null,
        filter.actorId ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.pageSize,
        (filter.page - 1) * filter.pageSize,
      ],
    );
    return { items: rows.map(toView), total: Number(rows[0]?.total ?? 0) };
  }
}

function columns(rows: readonly LogRow[]): unknown[] {
  return [
    rows.map((row) => row.actorId),
    rows.map((row) => row.actorRole),
    rows.map((row) => row.studentIds),
    rows.map((row) => row.action),
    rows.map((row) => row.purpose),
    rows.map((row) => row.fields),
  ];
}

interface EntryGroup {
  /** Comma-joined, as the statement splits them. */
  fields: string;
  studentIds: string[];
}

/** Students read for the same fields share a row, up to STUDENTS_PER_ROW; each named once. */
export function groupByFields(entries: readonly AccessEntry[]): EntryGroup[] {
  const byFields = new Map<string, Set<string>>();
  for (const entry of entries) {
    const fields = entry.fields.join(',');
    const students = byFields.get(fields) ?? new Set<string>();
    students.add(entry.studentId);
    byFields.set(fields, students);
  }
  const groups: EntryGroup[] = [];
  for (const [fields, students] of byFields) {
    const studentIds = [...students];
    for (let start = 0; start < studentIds.length; start += STUDENTS_PER_ROW) {
      groups.push({ fields, studentIds: studentIds.slice(start, start + STUDENTS_PER_ROW) });
    }
  }
  return groups;
}

function toView(row: AccessLogRow): AccessLogView {
  return {
    id: row.id,
    at: row.at,
    studentId: row.studentId,
    actor: {
      id: row.actorId,
      role: row.actorRole,
      organisation:
        row.organisationId && row.organisationName
          ? { id: row.organisationId, name: row.organisationName }
          : null,
    },
    action: row.action,
    purpose: row.purpose,
    fields: row.fields,
  };
}
