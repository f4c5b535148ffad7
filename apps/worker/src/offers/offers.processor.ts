import { PlacementsService } from '@app/placements';
import { JobName, QueueName } from '@app/queues';
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { HandlesJob } from '../jobs/handles-job.decorator';
import { JobDispatcher } from '../jobs/job-dispatcher';

interface ExpireOffersJob {
  roundId: string;
}

/**
 * A round's offers: one delayed job reminds the students who have not answered a day before the
 * deadline, another expires what is still unanswered at the deadline.
 */
@Processor(QueueName.Offers, { concurrency: 5 })
export class OffersProcessor extends JobDispatcher {
  constructor(private readonly placements: PlacementsService) {
    super();
  }

  @HandlesJob(JobName.RemindOffer)
  remindOffers(job: Job<ExpireOffersJob>): Promise<number> {
    return this.placements.remindDue(job.data.roundId);
  }

  @HandlesJob(JobName.ExpireOffer)
  expireOffers(job: Job<ExpireOffersJob>): Promise<number> {
    return this.placements.expireDue(job.data.roundId);
  }
}
