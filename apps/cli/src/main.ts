import { loadConfig, runEntryPoint } from '@app/config';
import { ensureDatabaseExists } from '@app/database';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';

/**
 * Operator commands: `migrate`, `seed`. The database is created first when missing, because the
 * Nest context connects to it before any command runs. (`match` has its own entry, match.ts,
 * that starts without Nest.)
 */
async function main(): Promise<void> {
  await ensureDatabaseExists(loadConfig().DATABASE_URL);
  await CommandFactory.run(CliModule, { logger: ['error', 'warn'], errorHandler: fail });
}

function fail(error: Error): never {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

void runEntryPoint(main);
