/** Every BullMQ queue of the service. */
export enum QueueName {
  Matching = 'matching',
  Notifications = 'notifications',
  Offers = 'offers',
  /** Moves outbox rows into the notifications queue; kept apart so a backlog never delays it. */
  Outbox = 'outbox',
  /** Housekeeping of personal data: the daily retention run. */
  Privacy = 'privacy',
  /** The talent pipeline's daily work: reminders for missing outcomes, follow-ups that are due. */
  Pipeline = 'pipeline',
}

/** Every job name; each has exactly one handler in the worker, which refuses to start otherwise. */
export enum JobName {
  RunRound = 'run-round',
  DeliverNotification = 'deliver-notification',
  RelayOutbox = 'relay-outbox',
  ExpireOffer = 'expire-offer',
  RemindOffer = 'remind-offer',
  RemindPreferences = 'remind-preferences',
  EraseExpiredStudents = 'erase-expired-students',
  PurgeOutbox = 'purge-outbox',
  RemindOutcomes = 'remind-outcomes',
  SendFollowUps = 'send-follow-ups',
}

/** Ids of jobs that must run once per subject; BullMQ refuses ids containing ':'. */
export const jobIds = {
  runRound: (roundId: string, attempt: number) => `round-run-${roundId}-${attempt}`,
  notification: (outboxId: string) => `notification-${outboxId}`,
  /** One pending relay at a time: a second request while one waits is a no-op. */
  outboxRelay: () => 'outbox-relay-now',
  preferencesReminder: (roundId: string, hoursBefore: number) =>
    `preferences-reminder-${roundId}-${hoursBefore}`,
  expireOffers: (roundId: string) => `offers-expiry-${roundId}`,
  remindOffers: (roundId: string) => `offers-reminder-${roundId}`,
};
