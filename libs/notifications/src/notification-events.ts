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
  /** To a student: an offer with a deadline. */
  'offer.made': OfferPayload & { roundId: string; deadline: string };
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

interface EventSpec<E extends NotificationEvent> {
  channels: readonly Channel[];
  /** Where the message points to in the web app, as a path under PUBLIC_URL. */
  path: (payload: NotificationPayloads[E]) => string;
}

const BOTH: readonly Channel[] = ['email', 'in_app'];
const offerPath = (payload: OfferPayload) => `/placements/${payload.placementId}`;
const preferencesPath = (payload: { roundId: string }) => `/rounds/${payload.roundId}/preferences`;

export const NOTIFICATION_EVENTS: { [E in NotificationEvent]: EventSpec<E> } = {
  // Only by e-mail: the recipient cannot sign in before accepting.
  invitation: { channels: ['email'], path: () => '/invitation' },
  // Only by e-mail: the one who asked may not be able to sign in.
  'password.reset': { channels: ['email'], path: () => '/reset-password' },
  'round.opened': { channels: BOTH, path: preferencesPath },
  'preferences.reminder': { channels: BOTH, path: preferencesPath },
  'offer.made': { channels: BOTH, path: offerPath },
  'offer.reminder': { channels: BOTH, path: offerPath },
  'offer.accepted': { channels: BOTH, path: offerPath },
  'offer.declined': { channels: BOTH, path: offerPath },
  'offer.expired': { channels: BOTH, path: offerPath },
  'offer.expired.reviewer': { channels: BOTH, path: offerPath },
  'intern.confirmed': { channels: BOTH, path: offerPath },
  'followup.opened': { channels: BOTH, path: preferencesPath },
  'round.summary': { channels: BOTH, path: (payload) => `/rounds/${payload.roundId}/results` },
  'round.unplaced': { channels: BOTH, path: () => '/overview' },
  'round.matched.reviewer': { channels: BOTH, path: () => '/interns' },
  'offer.declined.student': { channels: BOTH, path: () => '/overview' },
  'slot.joined.round': { channels: BOTH, path: () => '/my-slots' },
  'slot.not.in.round': { channels: BOTH, path: () => '/my-slots' },
  // Only by e-mail: the guardian has no account. The link carries a token drawn at delivery.
  'guardian.consent.requested': { channels: ['email'], path: () => '/guardian-consent' },
  'guardian.consent.reminder': { channels: ['email'], path: () => '/guardian-consent' },
  'guardian.consent.waiting': { channels: BOTH, path: offerPath },
  'guardian.consent.confirmed': { channels: BOTH, path: offerPath },
  'guardian.consent.refused': { channels: BOTH, path: offerPath },
  'outcome.reminder': { channels: BOTH, path: offerPath },
  // Only by e-mail: the form is answered without signing in. The link's token is drawn at delivery.
  'whereabouts.requested': { channels: ['email'], path: () => '/follow-up' },
  'enrolment.requested': { channels: BOTH, path: () => '/enrolments' },
};

export const NOTIFICATION_EVENT_NAMES = Object.keys(NOTIFICATION_EVENTS) as NotificationEvent[];

export function isNotificationEvent(name: string): name is NotificationEvent {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_EVENTS, name);
}

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
