import { InvalidConfigError } from './app-config';
import { redactUrl } from './redact-url';

/**
 * A backing service that cannot be reached. Entry points print `message` as one line and exit,
 * so a newcomer learns what to start instead of reading a stack trace.
 */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly service: 'PostgreSQL' | 'Redis',
    readonly url: string,
    override readonly cause: unknown,
  ) {
    const variable = service === 'PostgreSQL' ? 'DATABASE_URL' : 'REDIS_URL';
    const composeService = service === 'PostgreSQL' ? 'postgres' : 'redis';
    super(
      `${service} is not reachable at ${redactUrl(url)} (${describe(cause)}). ` +
        `Start it (for example \`docker compose up -d ${composeService}\`) or set ${variable}.`,
    );
  }
}

function describe(cause: unknown): string {
  if (cause instanceof AggregateError && cause.errors.length > 0) return describe(cause.errors[0]);
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code}` : cause.message;
  }
  return String(cause);
}

/** Runs an entry point; a ServiceUnavailableError becomes one line on stderr and exit code 1. */
export async function runEntryPoint(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ServiceUnavailableError || error instanceof InvalidConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
