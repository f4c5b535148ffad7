import { AppConfig } from '@app/config';
import { InvalidInputError } from '@app/errors';
import { invitationToken, NotificationsService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Invitation } from './invitation.entity';
import { hashPassword } from './passwords';
import { User } from './user.entity';

export const INVITATION_TTL_DAYS = 14;

/** One message for unknown, used and expired tokens: the answer reveals nothing about them. */
export class InvalidInvitationError extends InvalidInputError {
  constructor() {
    super('The invitation is invalid, already used or expired');
  }
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Creates an invitation and its e-mail inside the caller's transaction (so both exist exactly
   * when the user does) and returns the raw token; it is never stored.
   */
  async createInvitation(userId: string, manager: EntityManager): Promise<string> {
    const id = randomUUID();
    // Derived from the id under the server secret, so the e-mail can carry it unstored.
    const token = invitationToken(this.config.JWT_SECRET, id);
    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
    await manager.insert(Invitation, { id, userId, tokenHash: sha256(token), expiresAt });
    await this.notifications.emit(manager, {
      event: 'invitation',
      recipientUserId: userId,
      subjectId: id,
      payload: { invitationId: id, expiresAt: expiresAt.toISOString() },
    });
    return token;
  }

  /**
   * Spends the token and sets the password in one transaction; a second use finds nothing to
   * update. The costly hash is computed only for a valid token, so garbage costs little.
   */
  async acceptInvitation(token: string, password: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const spent: { userId: string }[] = await manager.query(
        `WITH spent AS (
           UPDATE invitations SET used_at = now()
            WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
            RETURNING user_id)
         SELECT user_id AS "userId" FROM spent`,
        [sha256(token)],
      );
      if (spent.length === 0) throw new InvalidInvitationError();
      const passwordHash = await hashPassword(password);
      await manager.update(User, spent[0].userId, { passwordHash, updatedAt: new Date() });
    });
  }
}
