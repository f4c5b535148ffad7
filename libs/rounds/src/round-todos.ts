import { ACTIVE_PLACEMENT_STATUSES, placementStatusIn, RoundStatus } from '@app/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RANKABLE } from './applicants.service';
import { windowIsOpenSql } from './preferences/preferences.service';
import { roundStandingsSql, standingIn } from './reports/round-standing';
import { ROUND_TRANSITIONS } from './round-lifecycle';

/** What a user's start page asks of them, one kind per rule that makes the work. */
export const TODO_KINDS = [
  /** Admin: a closed round waits for its run. */
  'runRound',
  /** Admin: a matched round waits for its offers to be sent. */
  'publishRound',
  /** Admin: notifications that gave up. */
  'failedNotifications',
  /** Coordinator: students of the school who have not ranked in an open round. */
  'studentsNotRanked',
  /** Coordinator: the school's students' placements waiting for a guardian's consent. */
  'guardianConsents',
  /** Reviewer: own slots with applicants not yet ranked, while ranking is possible. */
  'rankApplicants',
  /** Reviewer: interns who accepted and wait for the host's confirmation. */
  'confirmInterns',
  /** Student: an open round in which they have not ranked. */
  'rankSlots',
  /** Student: an offer to answer. */
  'answerOffer',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** The screen of the web app where each kind of work is done. */
export const TODO_LINKS: Record<TodoKind, string> = {
  runRound: '/rounds',
  publishRound: '/rounds',
  failedNotifications: '/failed-notifications',
  studentsNotRanked: '/students',
  guardianConsents: '/students',
  rankApplicants: '/applicants',
  confirmInterns: '/interns',
  rankSlots: '/ranking',
  answerOffer: '/overview',
};

export interface Todo {
  kind: TodoKind;
  /** How many: students, slots, interns, notifications, offers or rounds. */
  count: number;
  /** When it must be done by, if it must. */
  dueAt: Date | null;
  round: { id: string; name: string } | null;
  link: string;
}

interface TodoRow {
  kind: TodoKind;
  count: number;
  dueAt: Date | null;
  roundId: string | null;
  roundName: string | null;
}

export function toTodo(row: TodoRow): Todo {
  return {
    kind: row.kind,
    count: row.count,
    dueAt: row.dueAt,
    round: row.roundId && row.roundName ? { id: row.roundId, name: row.roundName } : null,
    link: TODO_LINKS[row.kind],
  };
}

const statusIn = (statuses: readonly RoundStatus[]) =>
  `r.status IN (${statuses.map((status) => `'${status}'`).join(', ')})`;

/**
 * The rounds' part of the start pages: one statement per role, each on the definition its rule
 * has in this lib (the round's lifecycle, its preference window, the round standings, the
 * states in which a host ranks). Only rounds with something to do give a row.
 */
@Injectable()
export class RoundTodosService {
  constructor(private readonly db: DataSource) {}

  /** Rounds waiting for an admin's next step: the run, or sending the offers. */
  async admin(): Promise<Todo[]> {
    const rows = await this.db.query<TodoRow[]>(
      `SELECT CASE WHEN ${statusIn(ROUND_TRANSITIONS.run.from)} THEN 'runRound' ELSE 'publishRound' END AS kind,
              1 AS count, NULL::timestamptz AS "dueAt", r.id AS "roundId", r.name AS "roundName"
         FROM rounds r
        WHERE ${statusIn([...ROUND_TRANSITIONS.run.from, ...ROUND_TRANSITIONS.publish.from])}
        ORDER BY r.created_at, r.id`,
    );
    return rows.map(toTodo);
  }

  /** Per round whose window is open: the school's students standing as not taking part. */
  async coordinator(schoolId: string): Promise<Todo[]> {
    const rows = await this.db.query<TodoRow[]>(
      `SELECT 'studentsNotRanked' AS kind, count(*)::int AS count,
              w.preferences_close_at AS "dueAt", w.id AS "roundId", w.name AS "roundName"
         FROM rounds w
         CROSS JOIN LATERAL (${roundStandingsSql('w.id', '$1')}) rs
         JOIN students st ON st.id = rs.student_id AND st.user_id IS NOT NULL
        WHERE ${windowIsOpenSql('w')} AND rs.school_id = $1
          AND ${standingIn(['notTakingPart'], 'rs.standing')}
        GROUP BY w.id
        ORDER BY w.preferences_close_at, w.id`,
      [schoolId],
    );
    return rows.map(toTodo);
  }

  /** Per round a host may still rank in: its slots with an applicant neither ranked nor marked. */
  async reviewer(organisationId: string): Promise<Todo[]> {
    const rows = await this.db.query<TodoRow[]>(
      `SELECT 'rankApplicants' AS kind, count(DISTINCT p.slot_id)::int AS count,
              min(r.preferences_close_at) AS "dueAt", r.id AS "roundId", min(r.name) AS "roundName"
         FROM rounds r
         JOIN preferences p ON p.round_id = r.id
         JOIN slots s ON s.id = p.slot_id AND s.organisation_id = $1
        WHERE ${statusIn(RANKABLE)}
          AND NOT EXISTS (SELECT 1 FROM rankings k WHERE k.round_id = r.id
                            AND k.slot_id = p.slot_id AND k.student_id = p.student_id)
          AND NOT EXISTS (SELECT 1 FROM not_acceptable_applicants x WHERE x.round_id = r.id
                            AND x.slot_id = p.slot_id AND x.student_id = p.student_id)
        GROUP BY r.id
        ORDER BY min(r.preferences_close_at), r.id`,
      [organisationId],
    );
    return rows.map(toTodo);
  }

  /** Rounds whose window is open in which the student has ranked nothing and may rank. */
  async student(studentId: string): Promise<Todo[]> {
    const rows = await this.db.query<TodoRow[]>(
      `SELECT 'rankSlots' AS kind, 1 AS count, r.preferences_close_at AS "dueAt",
              r.id AS "roundId", r.name AS "roundName"
         FROM rounds r
        WHERE ${windowIsOpenSql('r')}
          AND NOT EXISTS (SELECT 1 FROM preferences p WHERE p.round_id = r.id AND p.student_id = $1)
          AND NOT EXISTS (SELECT 1 FROM placements pl WHERE pl.student_id = $1
                            AND ${placementStatusIn(ACTIVE_PLACEMENT_STATUSES, 'pl.status')})
        ORDER BY r.preferences_close_at, r.id`,
      [studentId],
    );
    return rows.map(toTodo);
  }
}
