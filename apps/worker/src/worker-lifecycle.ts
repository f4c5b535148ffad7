import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/** Says when the worker has closed its queues and connections, so operators can tell. */
@Injectable()
export class WorkerLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Worker');

  onApplicationShutdown(signal?: string): void {
    this.logger.log({ msg: 'worker stopped', signal });
  }
}
