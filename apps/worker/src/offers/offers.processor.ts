import { PlacementsService } from '@app/placements';
import { JobName, QueueName } from '@app/queues';
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { HandlesJob } from '../jobs/handles-job.decorator';
import { JobDispatcher } from '../jobs/job-dispatcher';

interface ExpireOffersJob {
  roundId: string;
}

/** Expires a round's unanswered offers when their deadline comes: one delayed job per round. */
@Processor(QueueName.Offers, { concurrency: 5 })
export class OffersProcessor extends JobDispatcher {
  constructor(private readonly placements: PlacementsService) {
    super();
  }

  @HandlesJob(JobName.ExpireOffer)
  expireOffers(job: Job<ExpireOffersJob>): Promise<number> {
    return this.placements.expireDue(job.data.roundId);
  }
}
