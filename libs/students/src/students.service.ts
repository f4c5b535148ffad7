import {
  AuthUser,
  escapeLike,
  INVITATION_RESEND_QUIET_MINUTES,
  InvitationsService,
  UsersService,
} from '@app/accounts';
import { organisationKind } from '@app/organisations';
import {
  PLACED_STATUSES,
  placementStatusIn,
  prepared,
  queryPrepared,
  Student,
} from '@app/database';
import { ForbiddenError, InvalidInputError, NotFoundError } from '@app/errors';
import { AccessLogService } from '@app/access-log';
import { Injectable } from '@nestjs/common';
import { BulkSent, messageClaims } from '@app/notifications';
import { DataSource, EntityManager, In } from 'typeorm';
import { CreateStudentDto, StaffStudentChangesDto } from './dto/student.dto';
import { toYearMonth } from './expected-completion';
import {
  RosterImport,
  RosterChanges,
  RosterField,
  ROSTER_FIELDS,
  RosterRow,
  rosterChanges,
} from './roster-import';
import {
  REVIEWER_VIEW_FIELDS,
  ReviewerStudentView,
  STUDENT_VIEW_FIELDS,
  STUDENT_VIEW_SQL,
  StudentRow,
  StudentView,
  toReviewerView,
  toStudentView,
} from './student-view';

export interface StudentFilter {
  schoolId?: string;
  programmeId?: string;
  /** Part of the name or e-mail. */
  q?: string;
  /** Only these students: those a round's status filter picked (RoundStudentsService). */
  ids?: readonly string[];
  page: number;
  pageSize: number;
}

export type NewStudent = CreateStudentDto & { schoolId?: string };

/** A new student with the one-time token a coordinator hands on until e-mail takes over. */
export type CreatedStudent = StudentView & { invitationToken: string };

/**
 * A page of one school's live students with the school's count, kept by the database in
 * school_rosters. The page's ids come from the roster index alone; only those twenty rows are
 * then joined (OFFSET 0 keeps the planner from joining the whole school). Joined from the
 * count, so a page past the end still brings the total, as one row of nulls.
 */
const ROSTER_PAGE = prepared(
  'students-roster-page',
  `SELECT coalesce(r.live_students, 0) AS total, v.*
     FROM (SELECT 1) AS one
     LEFT JOIN school_rosters r ON r.school_id = $1
     LEFT JOIN LATERAL (
       SELECT v.*
         FROM (SELECT id FROM students WHERE school_id = $1 AND user_id IS NOT NULL
                ORDER BY full_name, id LIMIT $2 OFFSET $3) AS page
        CROSS JOIN LATERAL (
          SELECT * FROM (${STUDENT_VIEW_SQL}) v WHERE v.id = page.id OFFSET 0) v) v ON true
    ORDER BY v."fullName", v.id`,
);

/** A returning student's row, with what it changes. */
type PlannedUpdate = RosterRow & {
  studentId: string;
  changes: RosterChanges;
  fields: RosterField[];
};

interface PlannedRoster {
  created: RosterRow[];
  updated: PlannedUpdate[];
  unchanged: PlannedUpdate[];
}

/** One row of a roster's preview: 1 = the file's first data row. */
export interface RosterPlanRow {
  row: number;
  email: string;
  fullName: string;
  /** The returning student the row names (updated and unchanged rows). */
  studentId?: string;
  /** The fields the row changes (updated rows). */
  fields?: RosterField[];
}

/** What importing a roster would do, without doing it. */
export interface RosterPlan {
  created: RosterPlanRow[];
  updated: RosterPlanRow[];
  unchanged: RosterPlanRow[];
}

/** What an import did: students created (with their tokens), updated, and rows left as they were. */
export interface ImportedRoster {
  created: CreatedStudent[];
  updated: StudentView[];
  unchanged: number;
}

function toRosterPlan(plan: PlannedRoster): RosterPlan {
  const line = (row: RosterRow) => ({
    row: row.row,
    email: row.input.email,
    fullName: row.input.fullName,
  });
  return {
    created: plan.created.map(line),
    updated: plan.updated.map((row) => ({
      ...line(row),
      studentId: row.studentId,
      fields: row.fields,
    })),
    unchanged: plan.unchanged.map((row) => ({ ...line(row), studentId: row.studentId })),
  };
}

/** The fields a request set; the values themselves are never logged. */
const givenFields = (input: object) =>
  Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);

const STAFF_ONLY_FIELDS = ['fullName', 'programmeId', 'birthDate'] as const;
const READ_ROUTE = 'GET /api/students/:id';
const IMPORT_ROUTE = 'POST /api/students/import';
const PREVIEW_ROUTE = 'POST /api/students/import/preview';
const RESEND_ROUTE = 'POST /api/students/:id/invitation';
const BULK_RESEND_ROUTE = 'POST /api/students/invitations';
const PATCH_ROUTE = 'PATCH /api/students/:id';

@Injectable()
export class StudentsService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
    private readonly accessLog: AccessLogService,
  ) {}

  /** The purpose names the route, and a download its format, in the access log. */
  async list(
    caller: AuthUser,
    filter: StudentFilter,
    purpose = 'GET /api/students',
  ): Promise<{ items: StudentView[]; total: number }> {
    const schoolId = caller.role === 'admin' ? filter.schoolId : this.ownSchool(caller);
    const { rows, total } =
      schoolId && !filter.programmeId && !filter.q && !filter.ids
        ? await this.rosterPage(schoolId, filter)
        : await this.searchPage(schoolId, filter);
    const ids = rows.map((row) => row.id);
    await this.accessLog.recordList(caller, purpose, ids, STUDENT_VIEW_FIELDS);
    return { items: rows.map(toStudentView), total };
  }

  /** A school's whole roster, a page at a time: one prepared statement, total included. */
  private async rosterPage(schoolId: string, filter: StudentFilter) {
    const rows = await queryPrepared<StudentRow & { total: number }>(this.db, ROSTER_PAGE, [
      schoolId,
      filter.pageSize,
      (filter.page - 1) * filter.pageSize,
    ]);
    const total = rows[0]?.total ?? 0;
    return { rows: rows.filter((row) => row.id !== null), total };
  }

  private async searchPage(schoolId: string | undefined, filter: StudentFilter) {
    const params = [
      schoolId ?? null,
      filter.programmeId ?? null,
      filter.q ? `%${escapeLike(filter.q)}%` : null,
      filter.ids ?? null,
    ];
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<StudentRow[]>(
        `SELECT v.* FROM (${STUDENT_VIEW_SQL}) v
          WHERE ($1::uuid IS NULL OR v."schoolId" = $1)
            AND ($2::uuid IS NULL OR v."programmeId" = $2)
            AND ($3::text IS NULL OR v."fullName" ILIKE $3 OR v.email ILIKE $3)
            AND ($4::uuid[] IS NULL OR v.id = ANY($4))
          ORDER BY v."fullName", v.id LIMIT $5 OFFSET $6`,
        [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
      ),
      // The same rows counted from students alone: joining every student of a school to the
      // view's tables for the total would cost more than the page. An erased student has no
      // user, as the view's inner join requires.
      this.db.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM students s
          WHERE s.user_id IS NOT NULL
            AND ($1::uuid IS NULL OR s.school_id = $1)
            AND ($2::uuid IS NULL OR s.programme_id = $2)
            AND ($3::text IS NULL OR s.full_name ILIKE $3
                 OR EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.email ILIKE $3))
            AND ($4::uuid[] IS NULL OR s.id = ANY($4))`,
        params,
      ),
    ]);
    return { rows, total };
  }

  /**
   * The student as the caller may see them. Reviewers see applicants to and interns of their
   * organisation only, in the reviewer view; everyone else who may not see them gets 404.
   */
  async get(caller: AuthUser, id: string): Promise<StudentView | ReviewerStudentView> {
    const row = await this.findRow(this.db.manager, id);
    if (row && this.isResponsibleFor(caller, row)) {
      await this.accessLog.recordList(caller, READ_ROUTE, [id], STUDENT_VIEW_FIELDS);
      return toStudentView(row);
    }
    if (row && caller.role === 'reviewer' && caller.organisationId) {
      const relation = await this.relationToHost(id, caller.organisationId);
      if (relation.applicant || relation.placed) {
        const fields = [...REVIEWER_VIEW_FIELDS, ...(relation.intern ? ['email'] : [])];
        await this.accessLog.recordList(caller, READ_ROUTE, [id], fields);
        return toReviewerView(row, relation.intern);
      }
    }
    throw new NotFoundError('Student', id);
  }

  /**
   * The student's full view for their coordinator or an admin, without logging: for a caller
   * that logs the read together with what else it shows. Anyone else gets 404.
   */
  async staffView(caller: AuthUser, id: string): Promise<StudentView> {
    const row = await this.findRow(this.db.manager, id);
    if (!row || caller.role === 'student' || !this.isResponsibleFor(caller, row)) {
      throw new NotFoundError('Student', id);
    }
    return toStudentView(row);
  }

  async create(caller: AuthUser, input: NewStudent): Promise<CreatedStudent> {
    const schoolId = await this.schoolFor(caller, input.schoolId);
    const created = await this.db.transaction(async (manager) => {
      const student = await this.createInTransaction(manager, schoolId, input);
      await this.recordChange(manager, caller, 'POST /api/students', [student.id], input);
      return student;
    });
    const [view] = await this.views([created.id]);
    return { ...view, invitationToken: created.invitationToken };
  }

  async update(
    caller: AuthUser,
    id: string,
    changes: StaffStudentChangesDto,
  ): Promise<StudentView> {
    if (caller.role === 'student' && STAFF_ONLY_FIELDS.some((f) => changes[f] !== undefined)) {
      throw new InvalidInputError(`a student may not change ${STAFF_ONLY_FIELDS.join(', ')}`, {
        code: 'student.staff_only_fields',
        params: { fields: STAFF_ONLY_FIELDS.join(', ') },
      });
    }
    await this.db.transaction(async (manager) => {
      const student = await manager.findOne(Student, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const row = student && (await this.findRow(manager, id));
      if (!student || !row || !this.isResponsibleFor(caller, row)) {
        throw new NotFoundError('Student', id);
      }
      await this.applyChanges(manager, student, changes);
      await this.recordChange(manager, caller, PATCH_ROUTE, [id], changes);
    });
    const [view] = await this.views([id]);
    // The answer is the whole profile, whatever was changed (even nothing): a read as well.
    await this.accessLog.recordList(caller, PATCH_ROUTE, [id], STUDENT_VIEW_FIELDS);
    return view;
  }

  /**
   * What importing the file would do, row by row, without writing anything: refused exactly
   * as the import would be. Comparing a returning student's profile is a read of it.
   */
  async previewRoster(
    caller: AuthUser,
    bytes: Buffer,
    schoolIdForAdmin?: string,
  ): Promise<RosterPlan> {
    const schoolId = await this.schoolFor(caller, schoolIdForAdmin);
    const plan = await this.planRoster(schoolId, bytes);
    const read = [...plan.updated, ...plan.unchanged].map((row) => row.studentId);
    await this.accessLog.recordList(caller, PREVIEW_ROUTE, read, ROSTER_FIELDS);
    return toRosterPlan(plan);
  }

  /**
   * All rows or none; every problem of the file is reported at once. A row of a student the
   * school already has (by e-mail) updates that student; the others create students.
   */
  async importRoster(
    caller: AuthUser,
    bytes: Buffer,
    schoolIdForAdmin?: string,
  ): Promise<ImportedRoster> {
    const schoolId = await this.schoolFor(caller, schoolIdForAdmin);
    const plan = await this.planRoster(schoolId, bytes);
    const created = await this.db.transaction(async (manager) => {
      const results: { id: string; invitationToken: string }[] = [];
      for (const { input } of plan.created) {
        results.push(await this.createInTransaction(manager, schoolId, input));
      }
      await this.applyRosterUpdates(manager, plan.updated);
      await this.accessLog.record(
        caller,
        {
          action: 'change',
          purpose: IMPORT_ROUTE,
          entries: [
            ...results.map(({ id }, i) => ({
              studentId: id,
              fields: givenFields(plan.created[i].input),
            })),
            ...plan.updated.map((row) => ({ studentId: row.studentId, fields: row.fields })),
          ],
        },
        manager,
      );
      return results;
    });
    const ids = [...created.map((c) => c.id), ...plan.updated.map((row) => row.studentId)];
    const views = new Map((await this.views(ids)).map((v) => [v.id, v]));
    // The answer shows the updated students' whole profiles: a read as well.
    await this.accessLog.recordList(
      caller,
      IMPORT_ROUTE,
      plan.updated.map((row) => row.studentId),
      STUDENT_VIEW_FIELDS,
    );
    return {
      created: created.map((c) => ({ ...views.get(c.id)!, invitationToken: c.invitationToken })),
      updated: plan.updated.map((row) => views.get(row.studentId)!),
      unchanged: plan.unchanged.length,
    };
  }

  /** The file's rows sorted into new students, changed returning ones and unchanged ones. */
  private async planRoster(schoolId: string, bytes: Buffer) {
    const rows = await new RosterImport(this.db).validate(schoolId, bytes);
    const returning = rows.filter((row) => row.existingStudentId !== undefined);
    const current = new Map(
      (await this.views(returning.map((row) => row.existingStudentId!))).map((v) => [v.id, v]),
    );
    const plan: PlannedRoster = { created: [], updated: [], unchanged: [] };
    for (const row of rows) {
      const student = row.existingStudentId ? current.get(row.existingStudentId) : undefined;
      if (!student) {
        plan.created.push(row);
        continue;
      }
      const changes = rosterChanges({ ...student, programmeId: student.programme.id }, row.input);
      const fields = ROSTER_FIELDS.filter((field) => changes[field] !== undefined);
      const planned = { ...row, studentId: student.id, changes, fields };
      (fields.length > 0 ? plan.updated : plan.unchanged).push(planned);
    }
    return plan;
  }

  /** The returning students' rows locked, then changed as PATCH /api/students/:id would. */
  private async applyRosterUpdates(
    manager: EntityManager,
    updates: PlannedRoster['updated'],
  ): Promise<void> {
    if (updates.length === 0) return;
    const students = await manager.find(Student, {
      where: { id: In(updates.map((row) => row.studentId)) },
      lock: { mode: 'pessimistic_write' },
    });
    const byId = new Map(students.map((student) => [student.id, student]));
    for (const row of updates) {
      const student = byId.get(row.studentId);
      // Erased since the file was checked: the import refuses, as for any row gone bad.
      if (!student || student.userId === null) throw new NotFoundError('Student', row.studentId);
      await this.applyChanges(manager, student, row.changes);
    }
  }

  /**
   * Sends the invitation again to the student, if they have not accepted it and were not invited
   * within INVITATION_RESEND_QUIET_MINUTES. Coordinators of the student's school and admins.
   */
  async resendInvitation(caller: AuthUser, id: string): Promise<{ sent: number }> {
    const row = await this.findRow(this.db.manager, id);
    if (!row || !this.isResponsibleFor(caller, row) || caller.role === 'student') {
      throw new NotFoundError('Student', id);
    }
    const { sent } = await this.reinvite(caller, RESEND_ROUTE, [
      { studentId: row.id, userId: row.userId },
    ]);
    return { sent };
  }

  /**
   * The same, for every student of the coordinator's school who has not accepted theirs; those
   * invited within the quiet time are left out and counted (skipped).
   */
  async resendInvitations(caller: AuthUser): Promise<BulkSent> {
    const schoolId = this.ownSchool(caller);
    const pending: { studentId: string; userId: string }[] = await this.db.query(
      `SELECT s.id AS "studentId", s.user_id AS "userId"
         FROM students s JOIN users u ON u.id = s.user_id
        WHERE s.school_id = $1 AND u.password_hash IS NULL AND u.deactivated_at IS NULL`,
      [schoolId],
    );
    return this.reinvite(caller, BULK_RESEND_ROUTE, pending);
  }

  /**
   * One transaction: the claims (message_claims, one per student within the quiet time), the
   * invitations, their outbox rows and the log of whom they went to.
   */
  private reinvite(
    caller: AuthUser,
    purpose: string,
    students: readonly { studentId: string; userId: string }[],
  ): Promise<BulkSent> {
    const studentOf = new Map(students.map((student) => [student.userId, student.studentId]));
    const userOf = new Map(students.map((student) => [student.studentId, student.userId]));
    return this.db.transaction(async (manager) => {
      const claim = async (eligible: string[]) => {
        const studentIds = eligible.flatMap((userId) => studentOf.get(userId) ?? []);
        const claimed = await messageClaims.claim(
          manager,
          'invitation',
          studentIds,
          null,
          INVITATION_RESEND_QUIET_MINUTES,
        );
        return claimed.flatMap((studentId) => userOf.get(studentId) ?? []);
      };
      const invited = new Set(
        await this.invitations.reinvite(
          manager,
          students.map((student) => student.userId),
          claim,
        ),
      );
      const entries = students
        .filter((student) => invited.has(student.userId))
        .map((student) => ({ studentId: student.studentId, fields: ['invitation'] }));
      await this.accessLog.record(caller, { action: 'change', purpose, entries }, manager);
      return { sent: invited.size, skipped: students.length - invited.size };
    });
  }

  private async createInTransaction(
    manager: EntityManager,
    schoolId: string,
    input: CreateStudentDto,
  ): Promise<{ id: string; invitationToken: string }> {
    await this.checkProgrammeOfSchool(manager, input.programmeId, schoolId);
    const user = await this.users.createUser(manager, {
      email: input.email,
      displayName: input.fullName,
      role: 'student',
      organisationId: schoolId,
      language: input.language,
    });
    const student = manager.create(Student, {
      userId: user.id,
      schoolId,
      programmeId: input.programmeId,
      fullName: input.fullName,
      birthDate: input.birthDate,
      languages: input.languages ?? ['da'],
      skills: input.skills ?? [],
      interests: input.interests ?? [],
      motivation: input.motivation ?? '',
      availableFrom: input.availableFrom,
      availableTo: input.availableTo,
      ...toYearMonth(input.expectedCompletion ?? null),
    });
    await manager.save(student);
    const invitationToken = await this.invitations.createInvitation(user.id, manager);
    return { id: student.id, invitationToken };
  }

  /** The fields a request set; the values themselves are never logged. */
  private recordChange(
    manager: EntityManager,
    caller: AuthUser,
    purpose: string,
    studentIds: string[],
    input: object,
  ): Promise<void> {
    const fields = givenFields(input);
    const entries = studentIds.map((studentId) => ({ studentId, fields }));
    return this.accessLog.record(caller, { action: 'change', purpose, entries }, manager);
  }

  private async applyChanges(
    manager: EntityManager,
    student: Student,
    changes: StaffStudentChangesDto,
  ): Promise<void> {
    const { language, expectedCompletion, ...profile } = changes;
    if (profile.programmeId) {
      await this.checkProgrammeOfSchool(manager, profile.programmeId, student.schoolId);
    }
    Object.assign(
      student,
      Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined)),
    );
    if (expectedCompletion !== undefined) Object.assign(student, toYearMonth(expectedCompletion));
    if (student.availableTo <= student.availableFrom) {
      throw new InvalidInputError('availableTo must be after availableFrom', {
        code: 'student.availability_order',
        field: 'availableTo',
      });
    }
    student.updatedAt = new Date();
    await manager.save(student);
    // An erased student has no account left to follow the profile.
    const accountChanges = language !== undefined || changes.fullName !== undefined;
    if (accountChanges && student.userId !== null) {
      await this.users.updateStudentAccount(manager, student.userId, {
        language,
        displayName: changes.fullName,
      });
    }
  }

  private isResponsibleFor(caller: AuthUser, row: StudentRow): boolean {
    switch (caller.role) {
      case 'admin':
        return true;
      case 'coordinator':
        return row.schoolId === caller.organisationId;
      case 'student':
        return row.id === caller.studentId;
      default:
        return false;
    }
  }

  private async relationToHost(studentId: string, organisationId: string) {
    const [relation]: { applicant: boolean; placed: boolean; intern: boolean }[] =
      await this.db.query(
        `SELECT EXISTS (SELECT 1 FROM preferences pr JOIN slots sl ON sl.id = pr.slot_id
                         WHERE pr.student_id = $1 AND sl.organisation_id = $2) AS applicant,
                EXISTS (SELECT 1 FROM placements pl JOIN slots sl ON sl.id = pl.slot_id
                         WHERE pl.student_id = $1 AND sl.organisation_id = $2) AS placed,
                EXISTS (SELECT 1 FROM placements pl JOIN slots sl ON sl.id = pl.slot_id
                         WHERE pl.student_id = $1 AND sl.organisation_id = $2
                           AND pl.${placementStatusIn(PLACED_STATUSES)}) AS intern`,
        [studentId, organisationId],
      );
    return relation;
  }

  private ownSchool(caller: AuthUser): string {
    if (caller.role !== 'coordinator' || !caller.organisationId) {
      throw new ForbiddenError('Only coordinators and admins manage students', {
        code: 'auth.role_forbidden',
      });
    }
    return caller.organisationId;
  }

  /** Coordinators act for their own school; admins name a school. */
  private async schoolFor(caller: AuthUser, schoolId: string | undefined): Promise<string> {
    if (caller.role !== 'admin') {
      const own = this.ownSchool(caller);
      if (schoolId && schoolId !== own) {
        throw new InvalidInputError('schoolId: coordinators manage their own school only', {
          code: 'student.school_not_own',
          field: 'schoolId',
        });
      }
      return own;
    }
    const kind = schoolId ? await organisationKind(this.db, schoolId) : undefined;
    if (kind !== 'school') {
      throw new InvalidInputError('schoolId must name a school', {
        code: 'student.school_invalid',
        field: 'schoolId',
      });
    }
    return schoolId!;
  }

  private async checkProgrammeOfSchool(
    manager: EntityManager,
    programmeId: string,
    schoolId: string,
  ): Promise<void> {
    const found: unknown[] = await manager.query(
      `SELECT 1 FROM programmes WHERE id = $1 AND school_id = $2`,
      [programmeId, schoolId],
    );
    if (found.length === 0) {
      throw new InvalidInputError("programmeId must be a programme of the student's school", {
        code: 'student.programme_not_of_school',
        field: 'programmeId',
      });
    }
  }

  private async findRow(manager: EntityManager, id: string): Promise<StudentRow | undefined> {
    const [row]: StudentRow[] = await manager.query(`${STUDENT_VIEW_SQL} WHERE s.id = $1`, [id]);
    return row;
  }

  private async views(ids: string[]): Promise<StudentView[]> {
    const rows: StudentRow[] = await this.db.query(
      `${STUDENT_VIEW_SQL} WHERE s.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toStudentView);
  }
}
