import { loadConfig, runEntryPoint } from '@app/config';
import { assertPostgresServerReachable, prepareDatabase } from '@app/database';
import { assertRedisReachable, settleQueueBackend } from '@app/queues';
import { CommandFactory } from 'nest-commander';
import { CliModule, commandNeedsQueues } from './cli.module';

/**
 * Operator commands: `migrate`, `seed`, `demo-round`. The services a command needs are checked
 * before anything is created; then the database (and, with DATABASE_ADMIN_URL, its two roles) is
 * created when missing, because the Nest context connects to it, as the runtime role, before any
 * command runs. (`match` has its own entry, match.ts, that
 * starts without Nest.)
 */
async function main(): Promise<void> {
  await settleQueueBackend();
  const config = loadConfig();
  const command = process.argv[2];
  await assertPostgresServerReachable(config.DATABASE_URL);
  if (commandNeedsQueues(command) && config.QUEUE_BACKEND === 'redis')
    await assertRedisReachable(config.REDIS_URL);
  await prepareDatabase(config, { create: true });
  await CommandFactory.run(CliModule.forCommand(command), {
    logger: ['error', 'warn'],
    errorHandler: fail,
  });
}

function fail(error: Error): never {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

void runEntryPoint(main);
