import { User } from '@app/database';
import { InvalidInputError } from '@app/errors';
import {
  drawInvitationToken,
  hashInvitationToken,
  LinkTokenIssuers,
  NotificationsService,
} from '@app/notifications';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { assertPasswordAllowed } from './password-policy';
import { hashPassword } from './passwords';
import { SessionRegistry } from './session-registry';

/** A reset link works this long after it was asked for, and once. */
export const PASSWORD_RESET_TTL_MINUTES = 60;
/** Requests per account and hour that send an e-mail; more are answered alike and send nothing. */
export const PASSWORD_RESETS_PER_HOUR = 3;

/** One answer for unknown, used and expired links: the answer reveals nothing about them. */
export class InvalidResetTokenError extends InvalidInputError {
  constructor() {
    super('The reset link is invalid, already used or expired', {
      code: 'auth.invalid_reset_token',
      field: 'token',
    });
  }
}

@Injectable()
export class PasswordResetsService implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly sessions: SessionRegistry,
    private readonly linkTokens: LinkTokenIssuers,
  ) {}

  onModuleInit(): void {
    this.linkTokens.register('password-reset', ({ payload }) =>
      this.issueMailToken(String(payload.passwordResetId)),
    );
  }

  /**
   * Records a request and its e-mail when the address is an active account's; otherwise does
   * nothing. The caller answers the same either way. The e-mail's token is drawn when it is
   * sent (issueMailToken, asked by the delivery), so it exists in the e-mail alone.
   */
  async requestReset(email: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const id = randomUUID();
      const created: { userId: string; expiresAt: Date }[] = await manager.query(
        `INSERT INTO password_resets (id, user_id, expires_at)
         SELECT $1, u.id, now() + make_interval(mins => $3) FROM users u
          WHERE u.email = $2 AND u.deactivated_at IS NULL
            AND (SELECT count(*) FROM password_resets r
                  WHERE r.user_id = u.id AND r.created_at > now() - interval '1 hour') < $4
         RETURNING user_id AS "userId", expires_at AS "expiresAt"`,
        [id, email.trim().toLowerCase(), PASSWORD_RESET_TTL_MINUTES, PASSWORD_RESETS_PER_HOUR],
      );
      if (created.length === 0) return;
      await this.notifications.emit(manager, {
        event: 'password.reset',
        recipientUserId: created[0].userId,
        subjectId: id,
        payload: { passwordResetId: id, expiresAt: new Date(created[0].expiresAt).toISOString() },
      });
    });
  }

  /**
   * Like an invitation's: the e-mail's token is drawn when the worker makes the e-mail and only
   * its hash stored; a retried e-mail replaces it. A request spent or expired meanwhile keeps
   * nothing.
   */
  private async issueMailToken(passwordResetId: string): Promise<string> {
    const { token, hash } = drawInvitationToken();
    await this.db.query(
      `UPDATE password_resets SET token_hash = $2
        WHERE id = $1 AND used_at IS NULL AND expires_at > now()`,
      [passwordResetId, hash],
    );
    return token;
  }

  /**
   * Spends the link and sets the password in one transaction; the password change raises the
   * account's session version, so every sign-in of the account ends. Every other open link of
   * the account is spent too. A refused password leaves the link unspent.
   */
  async resetPassword(token: string, password: string): Promise<void> {
    const userId = await this.db.transaction(async (manager) => {
      const spent: { userId: string; email: string }[] = await manager.query(
        `WITH spent AS (
           UPDATE password_resets SET used_at = now()
            WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
            RETURNING user_id)
         SELECT u.id AS "userId", u.email FROM spent JOIN users u ON u.id = spent.user_id
          WHERE u.deactivated_at IS NULL`,
        [hashInvitationToken(token)],
      );
      if (spent.length === 0) throw new InvalidResetTokenError();
      assertPasswordAllowed(password, { email: spent[0].email });
      const passwordHash = await hashPassword(password);
      await manager.update(User, spent[0].userId, { passwordHash, updatedAt: new Date() });
      await manager.query(
        `UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
        [spent[0].userId],
      );
      return spent[0].userId;
    });
    this.sessions.forget(userId);
  }
}
