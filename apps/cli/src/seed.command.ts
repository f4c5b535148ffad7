import { AppConfig } from '@app/config';
import { prepareDatabase } from '@app/database';
import { SeedService } from '@app/seed';
import { Command, CommandRunner, Option } from 'nest-commander';

@Command({
  name: 'seed',
  description: 'Seed the alliance and its programmes; with --demo also the Kalundborg demo',
})
export class SeedCommand extends CommandRunner {
  constructor(
    private readonly config: AppConfig,
    private readonly seeds: SeedService,
  ) {
    super();
  }

  async run(_args: string[], options: { demo?: boolean }): Promise<void> {
    await prepareDatabase(this.config, { create: true, migrate: true });
    const counts = options.demo ? await this.seeds.seedDemo() : await this.seeds.seedAlliance();
    const summary = Object.entries(counts)
      .map(([table, added]) => `${added} ${table}`)
      .join(', ');
    process.stderr.write(`Seeded: ${summary} added.\n`);
  }

  @Option({ flags: '--demo', description: 'add demo accounts, students and slots' })
  parseDemo(): boolean {
    return true;
  }
}
