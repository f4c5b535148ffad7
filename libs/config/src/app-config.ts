import { plainToInstance, Transform } from 'class-transformer';
import { DEFAULT_JWT_SECRET_FILE, keptJwtSecret } from './jwt-secret';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** The role the api and worker connect as by default, and the role that owns the schema. */
export const RUNTIME_ROLE = 'biotekbyen_app';
export const OWNER_ROLE = 'biotekbyen_owner';

/**
 * The development secret earlier versions built in, public in their source: refused wherever
 * it is still set, so no copy of it signs anything.
 */
export const PUBLISHED_JWT_SECRET = 'biotekbyen-local-development-secret';

/** `false`, a hop count 1–99, or comma-separated IPv4/IPv6 addresses, subnets or proxy-addr names. */
const TRUST_PROXY_PATTERN =
  /^(false|[1-9][0-9]?|((loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/[0-9]{1,3})?)(\s*,\s*|$))+)$/;

/** Express's `trust proxy` value for a validated TRUST_PROXY. */
export function trustProxySetting(value: string): boolean | number | string[] {
  if (value === 'false') return false;
  if (/^[0-9]+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}

const emptyAsUnset = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export const QUEUE_BACKENDS = ['redis', 'postgres'] as const;
export type QueueBackend = (typeof QUEUE_BACKENDS)[number];

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/**
 * Every setting the service reads, validated once at start-up. Defaults are for a developer's
 * machine (DESIGN.md); production must set at least DATABASE_URL, JWT_SECRET and, on the redis
 * queue backend, REDIS_URL.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /**
   * The api's and worker's connection: the runtime role, which owns nothing and may only read and
   * write rows (docs/PRIVACY.md, "Least privilege in PostgreSQL").
   */
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = `postgres://${RUNTIME_ROLE}@127.0.0.1:5432/biotekbyen`;

  /**
   * The owner role's connection to the same database, for migrations. Unset: DATABASE_URL with
   * the user biotekbyen_owner and no password.
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_OWNER_URL must be a postgres:// URL' })
  DATABASE_OWNER_URL!: string;

  /**
   * A superuser's (or a CREATEROLE and CREATEDB role's) connection to the same server, used only
   * by `migrate`, `seed`, the demo and the tests to create the two roles and the database when
   * they are missing. Unset: they must exist already.
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_ADMIN_URL must be a postgres:// URL' })
  DATABASE_ADMIN_URL?: string;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Where the queues live: `redis` (BullMQ on Redis, the choice for many workers) or `postgres`
   * (BullMQ's PostgreSQL backend in the service's own database, for a site with PostgreSQL
   * alone). Entry points settle the default before reading the configuration
   * (`settleQueueBackend` in @app/queues): `redis` when REDIS_URL is set or a Redis answers at
   * the default address, else `postgres`.
   */
  @IsIn(QUEUE_BACKENDS, { message: 'QUEUE_BACKEND must be redis or postgres' })
  QUEUE_BACKEND: QueueBackend = 'redis';

  /**
   * Prefix of every BullMQ and throttler key, so several deployments can share one Redis. On the
   * postgres backend the queues' schema is named after it (`<prefix>_queues`).
   */
  @Matches(/^[A-Za-z0-9_{}-]+$/, { message: 'REDIS_PREFIX may hold letters, digits, _ - { }' })
  REDIS_PREFIX = 'biotekbyen';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Signs sign-ins and queue-board sessions. Unset, a random one is drawn at first start and
   * kept in JWT_SECRET_FILE (mode 0600), whatever NODE_ENV says; there is no built-in one.
   */
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = '';

  /** Where the generated secret is kept when JWT_SECRET is not set. */
  @IsString()
  @MinLength(1)
  JWT_SECRET_FILE = DEFAULT_JWT_SECRET_FILE;

  /** Lifetime of an access token, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 8 * 3600;

  /** Apply pending migrations (under an advisory lock) when the api or worker starts. */
  @Transform(({ value }) => value !== 'false' && value !== false && value !== '0')
  MIGRATE_ON_START = true;

  /**
   * The address users open in a browser; used in links in e-mails. https also turns on HSTS.
   * Unset, the api's own address: `http://localhost:<PORT>`, so the links follow the port.
   */
  @Matches(/^https?:\/\//, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = '';

  /**
   * Which proxies in front of the api to believe about the caller's address (X-Forwarded-For),
   * as Express's `trust proxy`: `false` (none, the default: the header is ignored), a hop count
   * (`1` behind one reverse proxy) or proxy addresses/subnets (`loopback`, `10.0.0.0/8`, ...).
   * Sign-in throttling counts per caller address, so behind a proxy set it or every caller
   * shares the proxy's address.
   */
  @Matches(TRUST_PROXY_PATTERN, {
    message:
      'TRUST_PROXY must be false, a hop count or comma-separated proxy addresses/subnets (loopback, 10.0.0.0/8, ...)',
  })
  TRUST_PROXY = 'false';

  /** Serve the web app's source maps (`/assets/*.js.map`); off unless asked for. */
  @Transform(({ value }) => value === 'true' || value === true)
  SERVE_SOURCE_MAPS = false;

  @IsOptional()
  @IsString()
  SMTP_HOST?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 1025;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  @Transform(({ value }) => value === 'true' || value === true)
  SMTP_SECURE = false;

  @IsEmail({ allow_display_name: true })
  SMTP_FROM = 'Biotekbyen Match <no-reply@biotekbyen.dk>';

  /** Base delay of a notification's retries; each doubles it, with jitter. Short in tests. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  NOTIFICATION_BACKOFF_MS = 5000;

  /**
   * Months after the end of a student's last placement, without a sign-in, before the student is
   * erased by the retention job (docs/PRIVACY.md).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120)
  RETENTION_MONTHS = 12;

  /** Days a delivered notification's outbox row is kept after the event (docs/NOTIFICATIONS.md). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_RETENTION_DAYS = 90;

  /** Days a failed notification's outbox row stays for admins to look into. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_FAILED_RETENTION_DAYS = 365;
}

export class InvalidConfigError extends Error {}

/** Reads and validates the environment; throws one message listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  if (!config.JWT_SECRET) {
    try {
      config.JWT_SECRET = keptJwtSecret(config.JWT_SECRET_FILE || DEFAULT_JWT_SECRET_FILE);
    } catch (error) {
      throw new InvalidConfigError(
        `Invalid configuration: JWT_SECRET is not set and ${(error as Error).message}`,
      );
    }
  }
  if (!config.PUBLIC_URL) config.PUBLIC_URL = `http://localhost:${config.PORT}`;
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (!config.DATABASE_OWNER_URL && parseUrl(config.DATABASE_URL)) {
    config.DATABASE_OWNER_URL = withUser(config.DATABASE_URL, OWNER_ROLE);
  }
  problems.push(...databaseUrlProblems(config));
  if (config.JWT_SECRET === PUBLISHED_JWT_SECRET) {
    problems.push(
      'JWT_SECRET is the published development secret; set one of your own or unset it',
    );
  }
  if (problems.length > 0) {
    throw new InvalidConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return config;
}

/** The same server and database, as another user without a password. */
export function withUser(databaseUrl: string, user: string): string {
  const url = new URL(databaseUrl);
  url.username = encodeURIComponent(user);
  url.password = '';
  return url.toString();
}

/** The owner works on the runtime's database, the admin on its server: never elsewhere. */
function databaseUrlProblems(config: AppConfig): string[] {
  const runtime = parseUrl(config.DATABASE_URL);
  const owner = parseUrl(config.DATABASE_OWNER_URL);
  const admin = parseUrl(config.DATABASE_ADMIN_URL);
  if (!runtime) return [];
  const problems: string[] = [];
  if (owner && (owner.host !== runtime.host || owner.pathname !== runtime.pathname)) {
    problems.push('DATABASE_OWNER_URL must name the server and database of DATABASE_URL');
  }
  if (admin && admin.host !== runtime.host) {
    problems.push('DATABASE_ADMIN_URL must name the server of DATABASE_URL');
  }
  return problems;
}

function parseUrl(raw: string | undefined): URL | undefined {
  try {
    return raw ? new URL(raw) : undefined;
  } catch {
    return undefined;
  }
}
