import {
  DeliveryOutcome,
  jitteredBackoff,
  NotificationDeliveryService,
  PermanentDeliveryError,
  PreferenceRemindersService,
  RemindPreferencesJob,
} from '@app/notifications';
import { JobName, QueueName } from '@app/queues';
import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { HandlesJob } from '../jobs/handles-job.decorator';
import { JobDispatcher } from '../jobs/job-dispatcher';

/** Deliveries wait mostly on SMTP and PostgreSQL, so many run side by side. */
const CONCURRENCY = 50;

@Processor(QueueName.Notifications, {
  concurrency: CONCURRENCY,
  settings: { backoffStrategy: jitteredBackoff },
})
export class NotificationsProcessor extends JobDispatcher {
  constructor(
    private readonly delivery: NotificationDeliveryService,
    private readonly reminders: PreferenceRemindersService,
  ) {
    super();
  }

  @HandlesJob(JobName.DeliverNotification)
  async deliver(job: Job<{ outboxId: string }>): Promise<DeliveryOutcome> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      return await this.delivery.deliver(job.data.outboxId, finalAttempt);
    } catch (error) {
      // BullMQ retries anything but an UnrecoverableError.
      if (error instanceof PermanentDeliveryError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  @HandlesJob(JobName.RemindPreferences)
  remindPreferences(job: Job<RemindPreferencesJob>): Promise<number> {
    return this.reminders.remindStudentsWithoutPreferences(job.data);
  }
}
