import { AuthUser } from '@app/accounts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessLogService } from '@app/access-log';
import { enrolmentChainSql } from '@app/students';
import { findDataSubject } from './data-subject';

interface ExportSection {
  key: 'student' | 'user' | 'both';
  section: string;
  sql: string;
}

/**
 * Every table that holds data about a student, with the section of the export it goes to and
 * the query that reads it by the student's id, their user id, or both ($1, $2). Columns are
 * named one by one: secrets (password and token hashes) are not the student's data and never leave. A test
 * compares this map with the foreign keys of the schema, so a new table cannot be forgotten.
 */
export const EXPORT_SECTIONS: Readonly<Record<string, ExportSection>> = {
  students: {
    key: 'student',
    section: 'profile',
    sql: `SELECT s.id, s.full_name AS "fullName", s.birth_date::text AS "birthDate",
                 o.name AS school, p.name AS programme, s.languages, s.skills, s.interests,
                 s.motivation, s.available_from::text AS "availableFrom",
                 s.available_to::text AS "availableTo",
                 s.expected_completion_year AS "expectedCompletionYear",
                 s.expected_completion_month AS "expectedCompletionMonth", s.created_at AS "createdAt",
                 s.updated_at AS "updatedAt"
          FROM students s JOIN organisations o ON o.id = s.school_id
          JOIN programmes p ON p.id = s.programme_id WHERE s.id = $1`,
  },
  users: {
    key: 'user',
    section: 'account',
    sql: `SELECT id, email, display_name AS "displayName", role, language,
                 password_hash IS NOT NULL AS activated, last_login_at AS "lastLoginAt",
                 created_at AS "createdAt", updated_at AS "updatedAt"
          FROM users WHERE id = $1`,
  },
  invitations: {
    key: 'user',
    section: 'invitations',
    sql: `SELECT id, expires_at AS "expiresAt", used_at AS "usedAt", created_at AS "createdAt"
          FROM invitations WHERE user_id = $1 ORDER BY created_at`,
  },
  password_resets: {
    key: 'user',
    section: 'passwordResets',
    sql: `SELECT id, expires_at AS "expiresAt", used_at AS "usedAt", created_at AS "createdAt"
          FROM password_resets WHERE user_id = $1 ORDER BY created_at`,
  },
  ended_sessions: {
    key: 'user',
    section: 'endedSessions',
    sql: `SELECT ended_at AS "endedAt", expires_at AS "expiresAt"
          FROM ended_sessions WHERE user_id = $1 ORDER BY ended_at`,
  },
  sign_in_blocks: {
    key: 'user',
    section: 'signInBlocks',
    sql: `SELECT blocked_at AS "blockedAt", blocked_until AS "blockedUntil"
          FROM sign_in_blocks WHERE user_id = $1 ORDER BY blocked_at`,
  },
  preferences: {
    key: 'student',
    section: 'preferences',
    sql: `SELECT p.round_id AS "roundId", r.name AS "roundName", p.slot_id AS "slotId",
                 sl.title AS "slotTitle", p.rank
          FROM preferences p JOIN rounds r ON r.id = p.round_id JOIN slots sl ON sl.id = p.slot_id
          WHERE p.student_id = $1 ORDER BY r.created_at, p.round_id, p.rank`,
  },
  rankings: {
    key: 'student',
    section: 'rankings',
    sql: `SELECT round_id AS "roundId", slot_id AS "slotId", rank
          FROM rankings WHERE student_id = $1 ORDER BY round_id, slot_id`,
  },
  not_acceptable_applicants: {
    key: 'student',
    section: 'notAcceptable',
    // The host is named, not the reviewer who marked it.
    sql: `SELECT na.round_id AS "roundId", na.slot_id AS "slotId", sl.title AS "slotTitle",
                 o.name AS host, na.marked_at AS "markedAt"
          FROM not_acceptable_applicants na JOIN slots sl ON sl.id = na.slot_id
          JOIN organisations o ON o.id = sl.organisation_id
          WHERE na.student_id = $1 ORDER BY na.marked_at, na.round_id, na.slot_id`,
  },
  slot_orders: {
    key: 'student',
    section: 'slotOrders',
    // Found through the student's own preferences: a slot orders only those who ranked it.
    sql: `SELECT so.round_id AS "roundId", so.slot_id AS "slotId",
                 array_position(so.student_ids, $1::uuid) AS position
          FROM preferences p
          JOIN slot_orders so ON so.round_id = p.round_id AND so.slot_id = p.slot_id
          WHERE p.student_id = $1 ORDER BY so.round_id, so.slot_id`,
  },
  assignments: {
    key: 'student',
    section: 'assignments',
    sql: `SELECT round_id AS "roundId", slot_id AS "slotId", student_rank AS "studentRank"
          FROM assignments WHERE student_id = $1 ORDER BY round_id`,
  },
  placements: {
    key: 'student',
    section: 'placements',
    sql: `SELECT p.id, p.round_id AS "roundId", p.slot_id AS "slotId", sl.title AS "slotTitle",
                 p.status, p.offered_at AS "offeredAt", p.deadline_at AS "deadlineAt",
                 p.answered_at AS "answeredAt", p.confirmed_at AS "confirmedAt",
                 p.needs_guardian_consent AS "needsGuardianConsent",
                 p.guardian_name AS "guardianName", p.guardian_consent_at AS "guardianConsentAt",
                 sc.name AS school
          FROM placements p JOIN slots sl ON sl.id = p.slot_id
          JOIN students st ON st.id = p.student_id JOIN organisations sc ON sc.id = st.school_id
          WHERE p.student_id IN ${enrolmentChainSql('$1')} ORDER BY p.offered_at`,
  },
  guardian_consents: {
    key: 'student',
    section: 'guardianConsents',
    // The links' token hashes are secrets, not the student's data: only how many were sent.
    sql: `SELECT g.id, g.placement_id AS "placementId", g.guardian_name AS "guardianName",
                 g.guardian_email AS "guardianEmail", g.language, g.requested_at AS "requestedAt",
                 g.expires_at AS "expiresAt", g.answered_at AS "answeredAt", g.outcome,
                 (SELECT count(*)::int FROM guardian_consent_links l WHERE l.consent_id = g.id)
                   AS "linksSent"
          FROM guardian_consents g WHERE g.student_id = $1 ORDER BY g.requested_at, g.id`,
  },
  placement_outcomes: {
    key: 'student',
    section: 'placementOutcomes',
    // Who recorded it is the host's business: the host is named, not the reviewer.
    sql: `SELECT po.placement_id AS "placementId", o.name AS host, po.completed,
                 po.job_offer AS "jobOffer", po.recorded_at AS "recordedAt",
                 po.contest_reason AS "contestReason", po.contested_at AS "contestedAt"
          FROM placement_outcomes po JOIN placements p ON p.id = po.placement_id
          JOIN slots sl ON sl.id = p.slot_id JOIN organisations o ON o.id = sl.organisation_id
          WHERE po.student_id IN ${enrolmentChainSql('$1')} ORDER BY po.recorded_at`,
  },
  enrolment_requests: {
    key: 'user',
    section: 'enrolmentRequests',
    // The schools that asked the person to enrol, and the enrolments they left for them.
    sql: `SELECT r.id, o.name AS school, p.name AS programme, r.status,
                 r.requested_at AS "requestedAt", r.answered_at AS "answeredAt",
                 prev.left_at AS "leftEarlierEnrolmentAt", prevo.name AS "earlierSchool"
          FROM enrolment_requests r JOIN organisations o ON o.id = r.school_id
          JOIN programmes p ON p.id = r.programme_id
          JOIN students prev ON prev.id = r.from_student_id
          JOIN organisations prevo ON prevo.id = prev.school_id
          WHERE r.user_id = $1 ORDER BY r.requested_at`,
  },
  follow_up_consents: {
    key: 'student',
    section: 'followUpConsent',
    sql: `SELECT consented, answered_at AS "answeredAt"
          FROM follow_up_consents WHERE student_id = $1`,
  },
  follow_ups: {
    key: 'student',
    section: 'followUps',
    // The link's token hash is a secret, not the student's data.
    sql: `SELECT f.months, f.due_on::text AS "dueOn", f.expires_on::text AS "expiresOn",
                 f.answered_at AS "answeredAt", f.situation, o.name AS organisation,
                 f.study_programme AS "studyProgramme", f.study_school AS "studySchool"
          FROM follow_ups f LEFT JOIN organisations o ON o.id = f.organisation_id
          WHERE f.student_id = $1 ORDER BY f.months`,
  },
  notifications: {
    key: 'user',
    section: 'notifications',
    sql: `SELECT id, event, title, body, link, read_at AS "readAt", created_at AS "createdAt"
          FROM notifications WHERE user_id = $1 ORDER BY created_at`,
  },
  outbox: {
    key: 'both',
    section: 'outbox',
    sql: `SELECT id, event, channel, payload, status, attempts, created_at AS "createdAt",
                 delivered_at AS "deliveredAt"
          FROM outbox WHERE recipient_user_id = $2 OR payload->>'studentId' = $1::text
             OR guardian_consent_id IN (SELECT id FROM guardian_consents WHERE student_id = $1::uuid)
          ORDER BY created_at`,
  },
  access_log: {
    key: 'student',
    section: 'accessLog',
    sql: `SELECT l.at, l.actor_role AS "actorRole", o.name AS "actorOrganisation", l.action,
                 l.purpose, l.fields
          FROM access_log l LEFT JOIN users u ON u.id = l.actor_id
          LEFT JOIN organisations o ON o.id = u.organisation_id
          WHERE l.student_ids @> ARRAY[$1::uuid] ORDER BY l.at DESC, l.id`,
  },
  email_opt_outs: {
    key: 'user',
    section: 'emailSettings',
    sql: `SELECT topic, opted_out_at AS "optedOutAt"
          FROM email_opt_outs WHERE user_id = $1 ORDER BY topic`,
  },
  // When the coordinator's bulk reminder (per round) and invitation last went to the student.
  message_claims: {
    key: 'student',
    section: 'bulkMessages',
    sql: `SELECT mc.kind, r.name AS round, mc.last_sent_at AS "lastSentAt"
          FROM message_claims mc LEFT JOIN rounds r ON r.id = mc.round_id
          WHERE mc.student_id = $1 ORDER BY mc.last_sent_at DESC, mc.kind`,
  },
  // The pipeline's summary of the student: derived from the sections above, kept by triggers.
  pipeline_students: {
    key: 'student',
    section: 'pipelineSummary',
    sql: `SELECT ps.cohort, o.name AS school, pr.name AS programme,
                 to_jsonb(ps) - 'student_id' - 'school_id' - 'programme_id' - 'cohort' AS flags
          FROM pipeline_students ps JOIN organisations o ON o.id = ps.school_id
          LEFT JOIN programmes pr ON pr.id = ps.programme_id WHERE ps.student_id = $1`,
  },
  pipeline_student_employers: {
    key: 'student',
    section: 'pipelineEmployers',
    sql: `SELECT o.name AS employer, pe.outcome_known AS "outcomeKnown",
                 pe.offer_accepted AS "offerAccepted"
          FROM pipeline_student_employers pe JOIN organisations o ON o.id = pe.organisation_id
          WHERE pe.student_id = $1 ORDER BY o.name`,
  },
};

/** Sections that are one object (or null) rather than a list. */
export const SINGLE_SECTIONS: ReadonlySet<string> = new Set([
  'profile',
  'account',
  'followUpConsent',
]);

export interface StudentExport {
  exportedAt: Date;
  studentId: string;
  sections: Record<string, unknown>;
}

/** GDPR arts. 15 and 20: everything held about a student, as one machine-readable document. */
@Injectable()
export class StudentExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accessLog: AccessLogService,
  ) {}

  export(caller: AuthUser, studentId: string): Promise<StudentExport> {
    // One snapshot: a change committed halfway through cannot make the sections disagree.
    return this.dataSource.transaction('REPEATABLE READ', async (db) => {
      const subject = await findDataSubject(db, caller, studentId, { coordinatorMay: false });
      const sections: Record<string, unknown> = {};
      const params = {
        student: [subject.id],
        user: [subject.userId],
        both: [subject.id, subject.userId],
      };
      for (const { key, section, sql } of Object.values(EXPORT_SECTIONS)) {
        const rows: unknown[] = await db.query(sql, params[key]);
        sections[section] = SINGLE_SECTIONS.has(section) ? (rows[0] ?? null) : rows;
      }
      const fields = Object.keys(sections);
      await this.accessLog.record(
        caller,
        {
          action: 'export',
          purpose: 'GET /api/students/:id/export',
          entries: [{ studentId, fields }],
        },
        db,
      );
      return { exportedAt: new Date(), studentId: subject.id, sections };
    });
  }
}
