import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { QueueName } from './queue-names';

/**
 * A queue whose Redis is down emits an error per reconnect attempt; unhandled, each one is
 * printed with a stack. Report the first of each outage once, as a structured warning.
 */
@Injectable()
export class QueueErrorReporter implements OnModuleInit {
  private readonly logger = new Logger('Queues');

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      let down = false;
      queue.on('error', (error) => {
        if (!down)
          this.logger.warn({ msg: 'queue unreachable', queue: name, error: error.message });
        down = true;
      });
      queue.on('ioredis:close', () => undefined);
      void queue.waitUntilReady().then(
        () => (down = false),
        () => undefined,
      );
    }
  }
}
