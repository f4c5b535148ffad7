import { plainToInstance, Transform } from 'class-transformer';
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

/** The secret that local runs use; refused when NODE_ENV is production. */
export const LOCAL_JWT_SECRET = 'biotekbyen-local-development-secret';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/**
 * Every setting the service reads, validated once at start-up. Defaults are for a developer's
 * machine (DESIGN.md); production must set at least DATABASE_URL, REDIS_URL and JWT_SECRET.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/biotekbyen';

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ and throttler key, so several deployments can share one Redis. */
  @Matches(/^[A-Za-z0-9_{}-]+$/, { message: 'REDIS_PREFIX may hold letters, digits, _ - { }' })
  REDIS_PREFIX = 'biotekbyen';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = LOCAL_JWT_SECRET;

  /** Lifetime of an access token, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 8 * 3600;

  /** Apply pending migrations (under an advisory lock) when the api or worker starts. */
  @Transform(({ value }) => value !== 'false' && value !== false && value !== '0')
  MIGRATE_ON_START = true;

  /** The address users open in a browser; used in links in e-mails. */
  @Matches(/^https?:\/\//, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

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
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === LOCAL_JWT_SECRET) {
    problems.push('JWT_SECRET must be set to a secret of your own in production');
  }
  if (problems.length > 0) {
    throw new InvalidConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return config;
}
