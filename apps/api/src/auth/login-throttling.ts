import { AppConfig } from '@app/config';
import { SignInBlocksService } from '@app/accounts';
import { ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import {
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModule,
  ThrottlerStorage,
  ThrottlerStorageService,
} from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { createHash } from 'node:crypto';
import { SHARED_THROTTLER_STORAGE, SharedThrottlerStorageModule } from './shared-throttler-storage';

const MINUTE_MS = 60_000;

/**
 * Counts in the shared storage (Redis, or PostgreSQL on the postgres queue backend) so limits
 * hold across api instances; while it is down each instance counts for itself rather than
 * letting sign-ins fail or go unlimited.
 */
class ResilientThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('LoginThrottling');
  private readonly local = new ThrottlerStorageService();

  constructor(private readonly shared: ThrottlerStorage) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.logger.warn({
        msg: 'shared storage unavailable, counting sign-ins locally',
        error: `${error}`,
      });
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }
}

/** The throttler's hash of an address or account: the counters never hold either in clear. */
export const hashed = (value: string) =>
  createHash('sha256').update(value).digest('hex').slice(0, 32);

/**
 * The account an attempt is for: the e-mail of a sign-in, the link's token of a password reset
 * (one account's), the caller of a change. Without it every reset from one school network
 * would share one small budget.
 */
function accountOf(request: Record<string, unknown>): string {
  const body = request.body as { email?: unknown; token?: unknown } | undefined;
  if (typeof body?.email === 'string') return body.email.trim().toLowerCase();
  if (typeof body?.token === 'string') return `token:${body.token}`;
  const user = request.user as { id?: unknown } | undefined;
  return typeof user?.id === 'string' ? `user:${user.id}` : '';
}

function addressOf(request: Record<string, unknown>): string {
  return typeof request.ip === 'string' ? request.ip : '';
}

/** The throttler that blocks one address from one account; its blocks are shown to admins. */
export const ADDRESS_ACCOUNT_THROTTLER = 'address-account';

/**
 * Password attempts (sign-in, password change) are limited per client address and per address
 * and account, never per account alone: failures from one address slow that address for that
 * account, while the owner signing in from anywhere else is not held back (OWASP's
 * authentication cheat sheet, ASVS 5.0 6.3.1). An address trying many accounts is slowed by
 * its own limits. Strong passwords (see password-policy.ts) and argon2id make the guesses that
 * remain, from many addresses, of little use.
 */
export const LoginThrottlingModule = ThrottlerModule.forRootAsync({
  imports: [SharedThrottlerStorageModule],
  inject: [AppConfig, SHARED_THROTTLER_STORAGE],
  useFactory: (config: AppConfig, shared: ThrottlerStorage) => {
    const key = (_context: unknown, tracker: string, name: string) =>
      `${config.REDIS_PREFIX}:throttle:${name}:${hashed(tracker)}`;
    return {
      storage: new ResilientThrottlerStorage(shared),
      throttlers: [
        {
          name: 'address',
          ttl: MINUTE_MS,
          // A whole class signs in from one school network at the start of a lesson.
          limit: 100,
          blockDuration: 5 * MINUTE_MS,
          getTracker: addressOf,
          generateKey: key,
        },
        {
          name: 'address-hour',
          ttl: 60 * MINUTE_MS,
          // Three classes an hour, each signing in twice; not a hundred accounts a minute.
          limit: 300,
          blockDuration: 60 * MINUTE_MS,
          getTracker: addressOf,
          generateKey: key,
        },
        {
          name: ADDRESS_ACCOUNT_THROTTLER,
          ttl: 15 * MINUTE_MS,
          limit: 10,
          blockDuration: 15 * MINUTE_MS,
          getTracker: (request: Record<string, unknown>) =>
            `${addressOf(request)}|${accountOf(request)}`,
          generateKey: key,
        },
      ],
      errorMessage: 'Too many sign-in attempts; wait a few minutes and try again',
    };
  },
});

/**
 * The throttler guard of the password routes, which also records each block of an address
 * for an account, so admins can see which accounts are being tried (GET /api/admin/users/throttled).
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  @Inject(SignInBlocksService) private readonly blocks!: SignInBlocksService;
  private readonly log = new Logger('LoginThrottling');

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const [address, account] = detail.tracker.split('|');
    if (account !== undefined && detail.isBlocked) {
      const until = new Date(Date.now() + detail.timeToBlockExpire * 1000);
      // A reset link's token names no account an admin could read; its blocks are not listed.
      if (account && !account.startsWith('token:')) {
        const named = account.startsWith('user:')
          ? { userId: account.slice('user:'.length) }
          : { email: account };
        await this.blocks.record(named, hashed(address), until).catch((error: unknown) => {
          this.log.warn({ msg: 'sign-in block not recorded', error: `${error}` });
        });
      }
    }
    return super.throwThrottlingException(context, detail);
  }
}
