import { DemoRoundService } from '@app/seed';
import { Command, CommandRunner } from 'nest-commander';

@Command({
  name: 'demo-round',
  description: 'Run the demo round through the worker (which must be running) and print a summary',
})
export class DemoRoundCommand extends CommandRunner {
  constructor(private readonly demoRound: DemoRoundService) {
    super();
  }

  async run(): Promise<void> {
    const s = await this.demoRound.run();
    const share = (n: number) => (s.students ? `${Math.round((100 * n) / s.students)} %` : '–');
    process.stdout.write(
      `Demo round ${s.roundId}: ${s.students} students ranked ${s.slots} slots; ` +
        `${s.matched} matched (${share(s.matched)}), ${s.firstChoice} got their first choice ` +
        `(${share(s.firstChoice)}), ${s.unplaced} unplaced.\n`,
    );
  }
}
