import { AppConfig } from '@app/config';
import { prepareDatabase, revertLastMigration } from '@app/database';
import { migrateQueueSchema } from '@app/queues';
import { Command, CommandRunner, Option } from 'nest-commander';

@Command({
  name: 'migrate',
  description:
    'Create the database if needed and apply pending migrations, with the queue schema on the postgres backend (or --revert the last)',
})
export class MigrateCommand extends CommandRunner {
  constructor(private readonly config: AppConfig) {
    super();
  }

  async run(_args: string[], options: { revert?: boolean }): Promise<void> {
    if (options.revert) {
      await revertLastMigration(this.config);
      process.stderr.write('Reverted the last migration.\n');
      return;
    }
    const applied = await prepareDatabase(this.config, {
      create: true,
      migrate: true,
    });
    if (this.config.QUEUE_BACKEND === 'postgres') {
      await migrateQueueSchema(this.config);
    }
    process.stderr.write(
      applied.length ? `Applied ${applied.join(', ')}.\n` : 'The database is up to date.\n',
    );
  }

  @Option({ flags: '--revert', description: 'revert the last applied migration' })
  parseRevert(): boolean {
    return true;
  }
}
