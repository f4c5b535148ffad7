import { InvalidInputError } from '@app/errors';
import {
  drawInvitationToken,
  hashInvitationToken,
  LinkTokenIssuers,
  NotificationsService,
} from '@app/notifications';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Invitation, User } from '@app/database';
import { assertPasswordAllowed } from './password-policy';
import { hashPassword } from './passwords';
import { SessionRegistry } from './session-registry';

export const INVITATION_TTL_DAYS = 14;

/**
 * A user invited this recently is not invited again: a coordinator pressing "send again" twice,
 * or the bulk action right after the single one, sends one e-mail. Earlier links keep working
 * until they expire.
 */
export const INVITATION_RESEND_QUIET_MINUTES = 60;

/** One message for unknown, used and expired tokens: the answer reveals nothing about them. */
export class InvalidInvitationError extends InvalidInputError {
  constructor() {
    super('The invitation is invalid, already used or expired', {
      code: 'auth.invalid_invitation',
      field: 'token',
    });
  }
}

@Injectable()
export class InvitationsService implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly sessions: SessionRegistry,
    private readonly linkTokens: LinkTokenIssuers,
  ) {}

  onModuleInit(): void {
    this.linkTokens.register('invitation', ({ payload }) =>
      this.issueMailToken(String(payload.invitationId)),
    );
  }

  /**
   * Creates an invitation and its e-mail inside the caller's transaction (so both exist exactly
   * when the user does) and returns the raw token, drawn at random; only its hash is stored. The
   * e-mail carries a token of its own, drawn when it is sent.
   */
  async createInvitation(userId: string, manager: EntityManager): Promise<string> {
    const id = randomUUID();
    const { token, hash } = drawInvitationToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
    await manager.insert(Invitation, { id, userId, tokenHash: hash, expiresAt });
    await this.notifications.emit(manager, {
      event: 'invitation',
      recipientUserId: userId,
      subjectId: id,
      payload: { invitationId: id, expiresAt: expiresAt.toISOString() },
    });
    return token;
  }

  /**
   * A new invitation, with its e-mail, in the caller's transaction, for each of the users who has
   * not set a password yet, is not deactivated and was not invited in the last
   * INVITATION_RESEND_QUIET_MINUTES, and whom `claim` lets through: the caller's claim in the
   * database (message_claims), which lets each user through once however many requests ask at
   * once. Returns the users invited.
   */
  async reinvite(
    manager: EntityManager,
    userIds: readonly string[],
    claim: (eligible: string[]) => Promise<string[]>,
  ): Promise<string[]> {
    if (userIds.length === 0) return [];
    const eligible: { id: string }[] = await manager.query(
      `SELECT u.id FROM users u
        WHERE u.id = ANY($1::uuid[]) AND u.password_hash IS NULL AND u.deactivated_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM invitations i
                           WHERE i.user_id = u.id
                             AND i.created_at > now() - make_interval(mins => $2))`,
      [userIds, INVITATION_RESEND_QUIET_MINUTES],
    );
    const claimed = await claim(eligible.map((row) => row.id));
    if (claimed.length === 0) return [];
    const drawn = claimed.map(() => drawInvitationToken().hash);
    const invited: { userId: string; id: string; expiresAt: Date }[] = await manager.query(
      `INSERT INTO invitations (user_id, token_hash, expires_at)
       SELECT x.user_id, x.hash, now() + make_interval(days => $3)
         FROM unnest($1::uuid[], $2::text[]) AS x(user_id, hash)
       RETURNING user_id AS "userId", id, expires_at AS "expiresAt"`,
      [claimed, drawn, INVITATION_TTL_DAYS],
    );
    await this.notifications.emitAll(
      manager,
      invited.map((invitation) => ({
        event: 'invitation' as const,
        recipientUserId: invitation.userId,
        subjectId: invitation.id,
        payload: {
          invitationId: invitation.id,
          expiresAt: new Date(invitation.expiresAt).toISOString(),
        },
      })),
    );
    return invited.map((invitation) => invitation.userId);
  }

  /**
   * The invitation e-mail's token, drawn when the worker makes the e-mail; its hash is kept with
   * the invitation, replacing that of an earlier attempt's e-mail. An invitation used or expired
   * meanwhile keeps nothing: the link then says so.
   */
  private async issueMailToken(invitationId: string): Promise<string> {
    const { token, hash } = drawInvitationToken();
    await this.db.query(
      `UPDATE invitations SET mail_token_hash = $2
        WHERE id = $1 AND used_at IS NULL AND expires_at > now()`,
      [invitationId, hash],
    );
    return token;
  }

  /**
   * Spends the token and sets the password in one transaction; a second use finds nothing to
   * update. Either of the invitation's tokens spends it (the one returned at creation, the
   * one in the e-mail). The costly hash is computed only for a valid token and an allowed
   * password, so garbage costs little; a refused password leaves the invitation unspent.
   */
  async acceptInvitation(token: string, password: string): Promise<void> {
    const userId = await this.db.transaction(async (manager) => {
      const spent: { userId: string; email: string }[] = await manager.query(
        `WITH spent AS (
           UPDATE invitations SET used_at = now()
            WHERE (token_hash = $1 OR mail_token_hash = $1)
              AND used_at IS NULL AND expires_at > now()
            RETURNING user_id)
         SELECT u.id AS "userId", u.email FROM spent JOIN users u ON u.id = spent.user_id
          WHERE u.deactivated_at IS NULL`,
        [hashInvitationToken(token)],
      );
      if (spent.length === 0) throw new InvalidInvitationError();
      assertPasswordAllowed(password, { email: spent[0].email });
      const passwordHash = await hashPassword(password);
      await manager.update(User, spent[0].userId, { passwordHash, updatedAt: new Date() });
      return spent[0].userId;
    });
    this.sessions.forget(userId);
  }
}
