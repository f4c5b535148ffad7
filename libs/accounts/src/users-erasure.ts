import { EntityManager } from 'typeorm';

/**
 * The accounts lib's part of a student's erasure (libs/privacy), in the erasure's transaction:
 * the account goes, and with it (by foreign key) its invitations and password resets.
 */
export const usersErasure = {
  async deleteAccount(db: EntityManager, userId: string): Promise<void> {
    await db.query(`DELETE FROM users WHERE id = $1`, [userId]);
  },
};
