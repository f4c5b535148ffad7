import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobHandlerRegistry } from './job-handler-registry';

/** Refuses to build the worker unless every job name has exactly one handler. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobHandlerRegistry],
})
export class JobsModule {}
