import { Channel } from './outbox-entry.entity';

/**
 * Every event the service notifies about and what its payload carries. Payloads hold ids and
 * non-personal values only (slot titles, host names, deadlines as ISO 8601 timestamps): a
 * recipient's name and address are read when the message is delivered, and a student named in a
 * message to a host is looked up by `studentId`, so an erased student vanishes from unsent mail.
 */
export interface NotificationPayloads {
  /** To a new user without a password; the link's token is derived, see invitation-links.ts. */
  invitation: { invitationId: string; expiresAt: string };
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
  /** To coordinators: how their school's students fared in a published round. */
  'round.summary': { roundId: string; roundName: string; placed: number; unplaced: number };
}

export interface OfferPayload {
  placementId: string;
  slotTitle: string;
  organisationName: string;
}

export type NotificationEvent = keyof NotificationPayloads;

/** What `NotificationsService.emit` takes; one of these per event. */
export type NotificationInput = {
  [E in NotificationEvent]: {
    event: E;
    recipientUserId: string;
    /**
     * What the event is about (a placement id, a round id, `<roundId>-48` for the 48-hour
     * reminder): the same event, subject, recipient and channel is recorded once.
     */
    subjectId: string;
    payload: NotificationPayloads[E];
  };
}[NotificationEvent];

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

export function dedupeKey(input: NotificationInput, channel: Channel): string {
  return `${input.event}:${input.subjectId}:${input.recipientUserId}:${channel}`;
}
