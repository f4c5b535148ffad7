import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueuesModule } from '@app/queues';
import { DemoRoundModule, SeedModule } from '@app/seed';
import { DynamicModule, Module } from '@nestjs/common';
import { DemoRoundCommand } from './demo-round.command';
import { MigrateCommand } from './migrate.command';
import { SeedCommand } from './seed.command';

/** Commands that need PostgreSQL alone; every other one (and `--help`) loads the queues too. */
const DATABASE_ONLY_COMMANDS = new Set(['migrate', 'seed']);

/** Whether the command puts jobs on the queues, so the CLI must check their backend first. */
export function commandNeedsQueues(command: string | undefined): boolean {
  return command === undefined || !DATABASE_ONLY_COMMANDS.has(command);
}

@Module({})
export class CliModule {
  /**
   * The CLI for one command: `migrate` and `seed` run without a queue connection, so they
   * need (and the CLI checks) PostgreSQL only.
   */
  static forCommand(command: string | undefined): DynamicModule {
    const base = [ConfigModule, DatabaseModule, SeedModule];
    if (!commandNeedsQueues(command)) {
      return { module: CliModule, imports: base, providers: [MigrateCommand, SeedCommand] };
    }
    return {
      module: CliModule,
      imports: [...base, QueuesModule.forRole('producer'), DemoRoundModule],
      providers: [MigrateCommand, SeedCommand, DemoRoundCommand],
    };
  }
}
