import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { DataSource } from 'typeorm';

const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * One statement per attempt, with the same rules as the Redis storage's script: a hit opens a
 * window of `ttl` or counts in the open one; going over the limit blocks the key for
 * `blockDuration`; the first hit after a block ends starts afresh. The row lock of the upsert
 * orders concurrent attempts, so limits hold across api instances.
 */
const INCREMENT = `
  INSERT INTO login_throttles AS t (key, hits, window_ends_at, blocked_until)
  VALUES ($1, 1, now() + $2 * interval '1 millisecond',
          CASE WHEN 1 > $3 THEN now() + $4 * interval '1 millisecond' END)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE
      WHEN t.blocked_until <= now() OR t.window_ends_at <= now() THEN 1
      ELSE t.hits + 1 END,
    window_ends_at = CASE
      WHEN t.blocked_until <= now() OR t.window_ends_at <= now() THEN EXCLUDED.window_ends_at
      ELSE t.window_ends_at END,
    blocked_until = CASE
      WHEN t.blocked_until > now() THEN t.blocked_until
      WHEN t.blocked_until <= now() THEN NULL
      WHEN (CASE WHEN t.window_ends_at <= now() THEN 1 ELSE t.hits + 1 END) > $3
        THEN now() + $4 * interval '1 millisecond'
      END
  RETURNING hits,
    ceil(extract(epoch FROM window_ends_at - now()))::int AS "timeToExpire",
    coalesce(blocked_until > now(), false) AS "isBlocked",
    greatest(0, ceil(extract(epoch FROM blocked_until - now())))::int AS "timeToBlockExpire"`;

/** Expired windows that are not blocked any more: nothing remembers them. */
const SWEEP = `
  DELETE FROM login_throttles
  WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())`;

interface IncrementRow {
  hits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number | null;
}

/** Sign-in counters in PostgreSQL, for the postgres queue backend (no Redis). */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private lastSweep = Date.now();

  constructor(private readonly dataSource: DataSource) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    this.sweepNowAndThen();
    const [row] = await this.dataSource.query<IncrementRow[]>(INCREMENT, [
      `${key}:${throttlerName}`,
      ttl,
      limit,
      blockDuration,
    ]);
    return {
      totalHits: row.hits,
      timeToExpire: row.timeToExpire,
      isBlocked: row.isBlocked,
      timeToBlockExpire: row.timeToBlockExpire ?? 0,
    };
  }

  /** The table would otherwise keep a row for every address and account ever seen. */
  private sweepNowAndThen(): void {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    void this.dataSource.query(SWEEP).catch(() => undefined);
  }
}
