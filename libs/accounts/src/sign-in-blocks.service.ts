import { AccessActor, AccessLogService } from '@app/access-log';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '@app/database';

/** An account that some address may not try to sign in to for now. */
export interface ThrottledAccount {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  /** How many addresses are blocked from this account. */
  addresses: number;
  firstBlockedAt: Date;
  blockedUntil: Date;
}

/**
 * Records the sign-in blocks the throttler starts, for admins to see which accounts are being
 * tried. The counting and blocking itself happen in the throttler's storage; the address is
 * kept only as the throttler's hash of it.
 */
@Injectable()
export class SignInBlocksService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
  ) {}

  /** An account named by e-mail or id; an e-mail of no account records nothing. */
  async record(
    account: { email: string } | { userId: string },
    addressHash: string,
    blockedUntil: Date,
  ): Promise<void> {
    const email = 'email' in account ? account.email.trim().toLowerCase() : null;
    const userId = 'userId' in account ? account.userId : null;
    await this.db.query(
      `INSERT INTO sign_in_blocks (user_id, address_hash, blocked_until)
       SELECT id, $2, $3 FROM users WHERE email = $1 OR id = $4
       ON CONFLICT (user_id, address_hash)
       DO UPDATE SET blocked_until = excluded.blocked_until,
                     blocked_at = CASE WHEN sign_in_blocks.blocked_until < now()
                                       THEN now() ELSE sign_in_blocks.blocked_at END`,
      [email, addressHash, blockedUntil, userId],
    );
    await this.db.query(
      `DELETE FROM sign_in_blocks WHERE blocked_until < now() - interval '1 day'`,
    );
  }

  /**
   * Accounts blocked for at least one address now, the longest blocked first. A student's
   * account among them is recorded in the access log (its name and e-mail are shown).
   */
  async current(
    caller: AccessActor,
    page: { page: number; pageSize: number },
  ): Promise<{ items: ThrottledAccount[]; total: number }> {
    const rows: (Omit<ThrottledAccount, 'addresses'> & {
      addresses: string;
      total: string;
      studentId: string | null;
    })[] = await this.db.query(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", u.role,
                count(*) AS addresses, min(b.blocked_at) AS "firstBlockedAt",
                max(b.blocked_until) AS "blockedUntil", count(*) OVER () AS total,
                st.id AS "studentId"
           FROM sign_in_blocks b JOIN users u ON u.id = b.user_id
           LEFT JOIN students st ON st.user_id = u.id
          WHERE b.blocked_until > now()
          GROUP BY u.id, st.id
          ORDER BY min(b.blocked_at), u.email
          LIMIT $1 OFFSET $2`,
      [page.pageSize, (page.page - 1) * page.pageSize],
    );
    await this.accessLog.recordList(
      caller,
      'GET /api/admin/users/throttled',
      rows.flatMap((row) => (row.studentId ? [row.studentId] : [])),
      ['displayName', 'email'],
    );
    return {
      items: rows.map(({ total: _total, studentId: _studentId, ...row }) => ({
        ...row,
        addresses: Number(row.addresses),
      })),
      total: Number(rows[0]?.total ?? 0),
    };
  }
}
