import { Invitation } from './invitations/invitation.entity';
import { Notification } from './notifications/notification.entity';
import { Organisation } from './organisations/organisation.entity';
import { OutboxEntry } from './outbox/outbox-entry.entity';
import { Placement } from './placements/placement.entity';
import { Programme } from './programmes/programme.entity';
import { Round } from './rounds/round.entity';
import { Slot, SlotProgramme } from './slots/slot.entity';
import { Student } from './students/student.entity';
import { User } from './users/user.entity';

export * from './invitations/invitation.entity';
export * from './notifications/notification.entity';
export * from './organisations/organisation.entity';
export * from './outbox/outbox-entry.entity';
export * from './placements/placement.entity';
export * from './programmes/programme.entity';
export * from './rounds/round.entity';
export * from './slots/slot.entity';
export * from './students/student.entity';
export * from './users/user.entity';

/**
 * The schema registry: every table of the service and the one lib (or app) that owns it. The
 * owner is the only code that writes the table; other libs call the owner's service or read
 * through a query the owner exports. Migrations (../migrations), the seed and the test support
 * are the exceptions. The unit test beside this map fails when the migrations create a table it
 * does not name, and when a lib's or an app's source writes a table it does not own.
 */
export const TABLE_OWNERS = {
  // libs/organisations
  organisations: 'organisations',
  programmes: 'organisations',
  // libs/accounts
  users: 'accounts',
  invitations: 'accounts',
  password_resets: 'accounts',
  ended_sessions: 'accounts',
  sign_in_blocks: 'accounts',
  // libs/access-log
  access_log: 'access-log',
  // libs/students
  students: 'students',
  school_rosters: 'students',
  enrolment_requests: 'students',
  // libs/slots
  slots: 'slots',
  slot_programmes: 'slots',
  catalogue_versions: 'slots',
  // libs/rounds
  rounds: 'rounds',
  round_slots: 'rounds',
  preferences: 'rounds',
  rankings: 'rounds',
  round_runs: 'rounds',
  assignments: 'rounds',
  slot_orders: 'rounds',
  not_acceptable_applicants: 'rounds',
  // libs/placements
  placements: 'placements',
  guardian_consents: 'placements',
  guardian_consent_links: 'placements',
  // libs/pipeline
  hiring_needs: 'pipeline',
  placement_outcomes: 'pipeline',
  outcome_reminders: 'pipeline',
  follow_up_consents: 'pipeline',
  follow_ups: 'pipeline',
  // written by the triggers of its migration alone: the pipeline report's summary
  pipeline_students: 'pipeline',
  pipeline_student_employers: 'pipeline',
  // libs/notifications
  outbox: 'notifications',
  notifications: 'notifications',
  email_opt_outs: 'notifications',
  message_claims: 'notifications',
  // apps/api: the sign-in throttle's counters, shared by every api instance.
  login_throttles: 'api',
} as const;

export type TableName = keyof typeof TABLE_OWNERS;
export type TableOwner = (typeof TABLE_OWNERS)[TableName];

/** Every entity of the service, registered once with the data source. */
export const ENTITIES = [
  Organisation,
  Programme,
  User,
  Invitation,
  Student,
  Slot,
  SlotProgramme,
  Round,
  Placement,
  OutboxEntry,
  Notification,
];
