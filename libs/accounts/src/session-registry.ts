import { AppConfig } from '@app/config';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client, Notification } from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '@app/database';

/** What a sign-in is checked against: the account as it is now. */
export interface AccountState {
  role: Role;
  organisationId: string | null;
  studentId: string | null;
  /** Raised by the database on every change that ends the account's sessions. */
  sessionVersion: number;
  active: boolean;
  /** Sessions of the current version ended one by one (sign-out), until they expire. */
  endedSessions: ReadonlySet<string>;
}

export const SESSIONS_CHANNEL = 'account_sessions';

/** Accounts remembered before starting over; each costs one statement to read again. */
const REMEMBERED_ACCOUNTS = 100_000;
const RECONNECT_MS = { first: 250, max: 10_000 };

const ACCOUNT_STATE_SQL = `
  SELECT u.role, u.organisation_id AS "organisationId", s.id AS "studentId",
         u.session_version::int AS "sessionVersion", u.deactivated_at IS NULL AS active,
         array(SELECT e.session_id::text FROM ended_sessions e
                WHERE e.user_id = u.id AND e.expires_at > now()) AS "endedSessions"
    FROM users u LEFT JOIN students s ON s.user_id = u.id
   WHERE u.id = $1 AND u.password_hash IS NOT NULL`;

/**
 * The current state of the accounts that sign in here, kept in memory by each process that
 * checks sign-ins. An account is read once, then remembered until the database says it changed:
 * a trigger notifies channel account_sessions with the user id in the transaction that raises
 * the account's session version, ends a session or deletes the account (see the
 * account-sessions migration), and this instance's listening connection forgets the account.
 * While that connection is down nothing is remembered, so every check reads the database, and
 * everything is forgotten when it is back, so a notification missed meanwhile cannot leave a
 * stale account behind. The listening connection opens at the first check, so processes that
 * never check a sign-in (worker, cli) never open it.
 */
@Injectable()
export class SessionRegistry implements OnModuleDestroy {
  private readonly logger = new Logger('SessionRegistry');
  private readonly accounts = new Map<string, Promise<AccountState | null>>();
  private listener: Client | undefined;
  private listening = false;
  private started = false;
  private closed = false;
  private retryMs = RECONNECT_MS.first;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The account as it is now; null when it no longer exists (or has no password). */
  current(userId: string): Promise<AccountState | null> {
    if (!this.started) this.start();
    const remembered = this.accounts.get(userId);
    if (remembered) return remembered;
    const loading = this.read(userId);
    if (this.listening) {
      if (this.accounts.size >= REMEMBERED_ACCOUNTS) this.accounts.clear();
      this.accounts.set(userId, loading);
      // A failed read is not remembered: the next check tries again.
      loading.catch(() => {
        if (this.accounts.get(userId) === loading) this.accounts.delete(userId);
      });
    }
    return loading;
  }

  /**
   * Forgets an account at once in this process, after a change committed here; the other
   * processes learn it from the notification.
   */
  forget(userId: string): void {
    this.accounts.delete(userId);
  }

  /** Whether this instance hears the database's notifications (else it reads every check). */
  get isListening(): boolean {
    return this.listening;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.listening = false;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private async read(userId: string): Promise<AccountState | null> {
    const [row] = await this.db.query<
      (Omit<AccountState, 'endedSessions'> & { endedSessions: string[] })[]
    >(ACCOUNT_STATE_SQL, [userId]);
    return row ? { ...row, endedSessions: new Set(row.endedSessions) } : null;
  }

  private start(): void {
    this.started = true;
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      connectionTimeoutMillis: 3000,
      application_name: 'biotekbyen-sessions',
    });
    this.listener = client;
    client.on('notification', (message: Notification) => {
      if (message.channel === SESSIONS_CHANNEL && message.payload) this.forget(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSIONS_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.closed || this.listener !== client) {
      await client.end().catch(() => undefined);
      return;
    }
    // Whatever was read before now may have missed a notification.
    this.accounts.clear();
    this.listening = true;
    this.retryMs = RECONNECT_MS.first;
  }

  private lost(client: Client, error: unknown): void {
    if (this.listener !== client) return;
    const wasListening = this.listening;
    this.listening = false;
    this.accounts.clear();
    this.listener = undefined;
    client.removeAllListeners('end');
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (this.closed || this.retry) return;
    if (wasListening) {
      this.logger.warn({
        msg: 'session notifications lost; checking sign-ins in the database',
        error: `${error}`,
      });
    }
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MS.max);
  }
}
