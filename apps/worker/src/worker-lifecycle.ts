import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';

/** Says when the worker has closed its queues and connections, so operators can tell. */
@Injectable()
export class WorkerLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(private readonly pino: PinoLogger) {}

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ msg: 'worker stopped', signal });
    // Logs are written asynchronously, and Nest re-raises the signal right after this hook: on a
    // busy machine the process died before the line reached stdout.
    await new Promise<void>((resolve) => this.pino.logger.flush(() => resolve()));
  }
}
