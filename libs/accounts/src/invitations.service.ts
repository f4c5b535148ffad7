import { InvalidInputError } from '@app/errors';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
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
  constructor(private readonly db: DataSource) {}

  /**
   * Creates an invitation inside the caller's transaction (so it exists exactly when the user
   * does) and returns the raw token; it is never stored and cannot be read again.
   */
  async createInvitation(userId: string, manager: EntityManager): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await manager.insert(Invitation, {
      userId,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000),
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
