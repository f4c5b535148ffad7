/** Every BullMQ queue of the service. */
export enum QueueName {
  Matching = 'matching',
  Notifications = 'notifications',
  Offers = 'offers',
}

/** Every job name; each has exactly one handler in the worker, which refuses to start otherwise. */
export enum JobName {
  RunRound = 'run-round',
  DeliverNotification = 'deliver-notification',
  RelayOutbox = 'relay-outbox',
  ExpireOffer = 'expire-offer',
  RemindOffer = 'remind-offer',
  RemindPreferences = 'remind-preferences',
}

/** Ids of jobs that must run once per subject; BullMQ refuses ids containing ':'. */
export const jobIds = {
  runRound: (roundId: string, attempt: number) => `round-run-${roundId}-${attempt}`,
  notification: (outboxId: string) => `notification-${outboxId}`,
  expireOffer: (placementId: string) => `offer-expiry-${placementId}`,
};
