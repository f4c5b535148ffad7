import { PlacementsService } from '@app/placements';
import { JobName, QueueName } from '@app/queues';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

interface ExpireOffersJob {
  roundId: string;
}

/** Expires a round's unanswered offers when their deadline comes: one delayed job per round. */
@Processor(QueueName.Offers, { concurrency: 5 })
export class OffersProcessor extends WorkerHost {
  constructor(private readonly placements: PlacementsService) {
    super();
  }

  async process(job: Job<ExpireOffersJob>): Promise<number> {
    if (job.name !== JobName.ExpireOffer) throw new Error(`No handler for ${job.name}`);
    return this.placements.expireDue(job.data.roundId);
  }
}
