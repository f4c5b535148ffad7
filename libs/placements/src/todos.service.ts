import { AuthUser } from '@app/accounts';
import { PlacementStatus, placementStatusIn } from '@app/database';
import { FailedDeliveriesService } from '@app/notifications';
import { RoundTodosService, Todo, TodoKind, TODO_LINKS } from '@app/rounds';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A placement that waits for its host's confirmation: accepted, not confirmed (see confirm). */
const AWAITING_CONFIRMATION: readonly PlacementStatus[] = ['accepted'];
const AWAITING_GUARDIAN: readonly PlacementStatus[] = ['awaiting_guardian'];
/** An offer the student answers (awaiting_guardian is the guardian's to answer). */
const TO_ANSWER: readonly PlacementStatus[] = ['offered'];

interface CountRow {
  count: number;
  dueAt: Date | null;
}

/**
 * The start page of each role: what waits for the caller, with a count, a deadline where there
 * is one and the screen to do it on. Each figure comes from the lib that owns its rule: the
 * rounds from RoundTodosService, placements here, failed notifications from their service. At
 * most two statements per role; counts only, so nobody's data is read and nothing is logged.
 */
@Injectable()
export class TodosService {
  constructor(
    private readonly db: DataSource,
    private readonly rounds: RoundTodosService,
    private readonly failed: FailedDeliveriesService,
  ) {}

  async forUser(caller: AuthUser): Promise<Todo[]> {
    const organisationId = caller.organisationId ?? '';
    switch (caller.role) {
      case 'admin':
        return this.admin();
      case 'coordinator':
        return this.both(
          this.rounds.coordinator(organisationId),
          this.placements(
            'guardianConsents',
            AWAITING_GUARDIAN,
            'st.school_id = $1',
            organisationId,
          ),
        );
      case 'reviewer':
        return this.both(
          this.rounds.reviewer(organisationId),
          this.placements(
            'confirmInterns',
            AWAITING_CONFIRMATION,
            's.organisation_id = $1',
            organisationId,
          ),
        );
      case 'student':
        return caller.studentId
          ? this.both(
              this.rounds.student(caller.studentId),
              this.placements('answerOffer', TO_ANSWER, 'pl.student_id = $1', caller.studentId),
            )
          : [];
      default:
        return [];
    }
  }

  private async admin(): Promise<Todo[]> {
    const [rounds, failed] = await Promise.all([this.rounds.admin(), this.failed.count()]);
    return failed > 0
      ? [...rounds, todo('failedNotifications', { count: failed, dueAt: null })]
      : rounds;
  }

  private async both(first: Promise<Todo[]>, second: Promise<Todo[]>): Promise<Todo[]> {
    const [a, b] = await Promise.all([first, second]);
    return [...a, ...b];
  }

  /**
   * Placements in `statuses` that `scope` (SQL on `pl`, `s` the slot, `st` the student, with the
   * one parameter $1) selects: one todo with their count and the earliest deadline, or none.
   */
  private async placements(
    kind: TodoKind,
    statuses: readonly PlacementStatus[],
    scope: string,
    scopeId: string,
  ): Promise<Todo[]> {
    const [row] = await this.db.query<CountRow[]>(
      `SELECT count(*)::int AS count, min(pl.deadline_at) AS "dueAt"
         FROM placements pl JOIN slots s ON s.id = pl.slot_id
         JOIN students st ON st.id = pl.student_id
        WHERE ${placementStatusIn(statuses, 'pl.status')} AND ${scope}`,
      [scopeId],
    );
    return row && row.count > 0 ? [todo(kind, row)] : [];
  }
}

function todo(kind: TodoKind, row: CountRow): Todo {
  return { kind, count: row.count, dueAt: row.dueAt, round: null, link: TODO_LINKS[kind] };
}
