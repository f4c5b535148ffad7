import { Channel } from '@app/database';

/**
 * Every event the service notifies about and what its payload carries. Payloads hold ids and
 * non-personal values only (slot titles, host names, deadlines as ISO 8601 timestamps): a
 * recipient's name and address are read when the message is delivered, and a student named in a
 * message to a host is looked up by `studentId`, so an erased student vanishes from unsent mail.
 */
export interface NotificationPayloads {
  /** To a new user without a password; the link's token is drawn at random when it is sent, see invitation-links.ts. */
  invitation: { invitationId: string; expiresAt: string };
  /** To a user who asked to reset their password; the token is drawn when it is sent, like an invitation's. */
  'password.reset': { passwordResetId: string; expiresAt: string };
  /** To students: the preference window of a round is open. */
  'round.opened': { roundId: string; roundName: string; closesAt: string };
  /** To students who have not ranked any slot, 48 and 24 hours before the window closes. */
  'preferences.reminder': {
    roundId: string;
    roundName: string;
    closesAt: string;
    hoursLeft: number;
  };
  /**
   * To a student: an offer with a deadline, its period and whether a guardian must consent (as
   * the placement says). The place and the host's contact are read from the slot when the
   * e-mail is sent, like names, and it carries the period as a calendar file.
   */
  'offer.made': OfferPayload & {
    roundId: string;
    deadline: string;
    slotId: string;
    startsOn: string;
    endsOn: string;
    needsGuardianConsent: boolean;
  };
  /** To a student who has not answered an offer yet. */
  'offer.reminder': OfferPayload & { deadline: string };
  /** To the host's reviewers: the student accepted. */
  'offer.accepted': OfferPayload & { studentId: string };
  /** To the host's reviewers: the student declined. */
  'offer.declined': OfferPayload & { studentId: string };
  /** To a student: the deadline passed without an answer. */
  'offer.expired': OfferPayload;
  /** To the host's reviewers: the student's offer expired and the seat is free again. */
  'offer.expired.reviewer': OfferPayload & { studentId: string };
  /** To a student: the host confirmed them as an intern. */
  'intern.confirmed': OfferPayload;
  /** To unplaced students: a follow-up round is open. */
  'followup.opened': { roundId: string; roundName: string; closesAt: string };
  /** To a student who took part in a published round and got no place: what happens next. */
  'round.unplaced': { roundId: string; roundName: string };
  /** To a host's reviewers: how many students a published round matched to their slots. */
  'round.matched.reviewer': {
    roundId: string;
    roundName: string;
    matched: number;
    slots: number;
    deadline: string;
  };
  /** To a student who declined an offer: what happens next. */
  'offer.declined.student': OfferPayload;
  /** To a host's reviewers: a slot posted or reopened while a round is open joined it. */
  'slot.joined.round': {
    slotId: string;
    slotTitle: string;
    roundId: string;
    roundName: string;
    seats: number;
  };
  /** To a host's reviewers: a slot posted or reopened while a round is open could not join it. */
  'slot.not.in.round': { slotId: string; slotTitle: string; roundId: string; roundName: string };
  /** To coordinators: how their school's students fared in a published round. */
  'round.summary': { roundId: string; roundName: string; placed: number; unplaced: number };
  /** To a minor's guardian: confirm or refuse the placement, by a one-time link. */
  'guardian.consent.requested': GuardianConsentPayload;
  /** To a guardian who has not answered yet, before the deadline. */
  'guardian.consent.reminder': GuardianConsentPayload;
  /** To the student: the guardian has not answered yet, and the deadline is near. */
  'guardian.consent.waiting': OfferPayload & { deadline: string };
  /** To the student: the guardian consented; the placement is accepted. */
  'guardian.consent.confirmed': OfferPayload;
  /** To the student: the guardian refused; the offer is open again until its deadline. */
  'guardian.consent.refused': OfferPayload & { deadline: string };
  /** To the host's reviewers: a placement's period has ended and its outcome is not recorded. */
  'outcome.reminder': OfferPayload & { studentId: string; endsOn: string };
  /** To a former intern who agreed to follow-ups: where are you now? By a single-use link. */
  'whereabouts.requested': { followUpId: string; months: number };
  /** To a person with an account: another school asks them to enrol; they confirm in the app. */
  'enrolment.requested': { enrolmentRequestId: string; schoolName: string; programmeName: string };
}

/**
 * What the guardian's message names: the offer and the student (looked up by `studentId` when
 * it is delivered). The link is drawn when the message is delivered (see guardian-links.ts).
 */
export interface GuardianConsentPayload extends OfferPayload {
  consentId: string;
  studentId: string;
  startsOn: string;
  endsOn: string;
  deadline: string;
}

export interface OfferPayload {
  placementId: string;
  slotTitle: string;
  organisationName: string;
}

export type NotificationEvent = keyof NotificationPayloads;

/** Events addressed to a guardian (no account): the outbox row names the consent request. */
export const GUARDIAN_EVENTS = ['guardian.consent.requested', 'guardian.consent.reminder'] as const;
export type GuardianEvent = (typeof GUARDIAN_EVENTS)[number];
export type UserEvent = Exclude<NotificationEvent, GuardianEvent>;

export function isGuardianEvent(event: string): event is GuardianEvent {
  return (GUARDIAN_EVENTS as readonly string[]).includes(event);
}

/** What `NotificationsService.emit` takes; one of these per event. */
export type NotificationInput = {
  [E in UserEvent]: {
    event: E;
    recipientUserId: string;
    /**
     * What the event is about (a placement id, a round id, `<roundId>-48` for the 48-hour
     * reminder): the same event, subject, recipient and channel is recorded once.
     */
    subjectId: string;
    payload: NotificationPayloads[E];
  };
}[UserEvent];

/** What `NotificationsService.emitToGuardians` takes: the recipient is a consent request. */
export type GuardianNotificationInput = {
  [E in GuardianEvent]: {
    event: E;
    guardianConsentId: string;
    /** As for NotificationInput; the same event, subject and request is recorded once. */
    subjectId: string;
    payload: NotificationPayloads[E];
  };
}[GuardianEvent];

/**
 * What a message is about, for the user's e-mail settings. Offers, deadlines and the account's
 * own messages are always sent by e-mail; the others can be turned off (the in-app message
 * still appears).
 */
export const EMAIL_TOPICS = [
  'offers',
  'deadlines',
  'account',
  'rounds',
  'reminders',
  'reports',
] as const;
export type EmailTopic = (typeof EMAIL_TOPICS)[number];
/** The topics whose e-mails a user may turn off; the CHECK on email_opt_outs names the same. */
export const OPTIONAL_EMAIL_TOPICS = [
  'rounds',
  'reminders',
  'reports',
] as const satisfies readonly EmailTopic[];
export type OptionalEmailTopic = (typeof OPTIONAL_EMAIL_TOPICS)[number];

export function isOptionalEmailTopic(topic: string): topic is OptionalEmailTopic {
  return (OPTIONAL_EMAIL_TOPICS as readonly string[]).includes(topic);
}

interface EventSpec<E extends NotificationEvent> {
  channels: readonly Channel[];
  topic: EmailTopic;
  /** Where the message points to in the web app, as a path under PUBLIC_URL. */
  path: (payload: NotificationPayloads[E]) => string;
}

const BOTH: readonly Channel[] = ['email', 'in_app'];
const offerPath = (payload: OfferPayload) => `/placements/${payload.placementId}`;
const preferencesPath = (payload: { roundId: string }) => `/rounds/${payload.roundId}/preferences`;

export const NOTIFICATION_EVENTS: { [E in NotificationEvent]: EventSpec<E> } = {
  // Only by e-mail: the recipient cannot sign in before accepting.
  invitation: { topic: 'account', channels: ['email'], path: () => '/invitation' },
  // Only by e-mail: the one who asked may not be able to sign in.
  'password.reset': { topic: 'account', channels: ['email'], path: () => '/reset-password' },
  'round.opened': { topic: 'rounds', channels: BOTH, path: preferencesPath },
  'preferences.reminder': { topic: 'reminders', channels: BOTH, path: preferencesPath },
  'offer.made': { topic: 'offers', channels: BOTH, path: offerPath },
  'offer.reminder': { topic: 'deadlines', channels: BOTH, path: offerPath },
  'offer.accepted': { topic: 'offers', channels: BOTH, path: offerPath },
  'offer.declined': { topic: 'offers', channels: BOTH, path: offerPath },
  'offer.expired': { topic: 'offers', channels: BOTH, path: offerPath },
  'offer.expired.reviewer': { topic: 'offers', channels: BOTH, path: offerPath },
  'intern.confirmed': { topic: 'offers', channels: BOTH, path: offerPath },
  'followup.opened': { topic: 'rounds', channels: BOTH, path: preferencesPath },
  'round.summary': {
    topic: 'reports',
    channels: BOTH,
    path: (payload) => `/rounds/${payload.roundId}/results`,
  },
  'round.unplaced': { topic: 'offers', channels: BOTH, path: () => '/overview' },
  'round.matched.reviewer': { topic: 'reports', channels: BOTH, path: () => '/interns' },
  'offer.declined.student': { topic: 'offers', channels: BOTH, path: () => '/overview' },
  'slot.joined.round': { topic: 'rounds', channels: BOTH, path: () => '/my-slots' },
  'slot.not.in.round': { topic: 'rounds', channels: BOTH, path: () => '/my-slots' },
  // Only by e-mail: the guardian has no account. The link carries a token drawn at delivery.
  'guardian.consent.requested': {
    topic: 'deadlines',
    channels: ['email'],
    path: () => '/guardian-consent',
  },
  'guardian.consent.reminder': {
    topic: 'deadlines',
    channels: ['email'],
    path: () => '/guardian-consent',
  },
  'guardian.consent.waiting': { topic: 'deadlines', channels: BOTH, path: offerPath },
  'guardian.consent.confirmed': { topic: 'offers', channels: BOTH, path: offerPath },
  'guardian.consent.refused': { topic: 'deadlines', channels: BOTH, path: offerPath },
  'outcome.reminder': { topic: 'reminders', channels: BOTH, path: offerPath },
  // Only by e-mail: the form is answered without signing in. The link's token is drawn at delivery.
  'whereabouts.requested': { topic: 'account', channels: ['email'], path: () => '/follow-up' },
  'enrolment.requested': { topic: 'account', channels: BOTH, path: () => '/enrolments' },
};

export const NOTIFICATION_EVENT_NAMES = Object.keys(NOTIFICATION_EVENTS) as NotificationEvent[];

/** The events shown in the web app too, each with a short text of its own (in-app.<lang>.txt). */
export const IN_APP_EVENT_NAMES = NOTIFICATION_EVENT_NAMES.filter((event) =>
  NOTIFICATION_EVENTS[event].channels.includes('in_app'),
);

export function isNotificationEvent(name: string): name is NotificationEvent {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_EVENTS, name);
}

export function emailTopicOf(event: NotificationEvent): EmailTopic {
  return NOTIFICATION_EVENTS[event].topic;
}

/**
 * SQL: whether the user `userId` (an SQL expression) has turned off the e-mails of `topic` (an
 * SQL expression giving a topic name, or null for one that cannot be turned off).
 */
export const emailTurnedOff = (userId: string, topic: string) =>
  `EXISTS (SELECT 1 FROM email_opt_outs x WHERE x.user_id = ${userId} AND x.topic = ${topic})`;

/** The web-app path of an event, for a payload read back from the database. */
export function webPath(event: NotificationEvent, payload: Record<string, unknown>): string {
  const path = NOTIFICATION_EVENTS[event].path as (payload: Record<string, unknown>) => string;
  return path(payload);
}

export function dedupeKey(
  input: NotificationInput | GuardianNotificationInput,
  channel: Channel,
): string {
  const recipient =
    'guardianConsentId' in input ? `guardian-${input.guardianConsentId}` : input.recipientUserId;
  return `${input.event}:${input.subjectId}:${recipient}:${channel}`;
}
