import { AppConfig } from '@app/config';
import { prepareDatabase, revertLastMigration } from '@app/database';
import { Command, CommandRunner, Option } from 'nest-commander';

@Command({
  name: 'migrate',
  description: 'Create the database if needed and apply pending migrations (or --revert the last)',
})
export class MigrateCommand extends CommandRunner {
  constructor(private readonly config: AppConfig) {
    super();
  }

  async run(_args: string[], options: { revert?: boolean }): Promise<void> {
    if (options.revert) {
      await revertLastMigration(this.config.DATABASE_URL);
      process.stderr.write('Reverted the last migration.\n');
      return;
    }
    const applied = await prepareDatabase(this.config.DATABASE_URL, {
      create: true,
      migrate: true,
    });
    process.stderr.write(
      applied.length ? `Applied ${applied.join(', ')}.\n` : 'The database is up to date.\n',
    );
  }

  @Option({ flags: '--revert', description: 'revert the last applied migration' })
  parseRevert(): boolean {
    return true;
  }
}
