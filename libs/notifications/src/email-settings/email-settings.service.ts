import { InvalidInputError } from '@app/errors';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EMAIL_TOPICS, EmailTopic, isOptionalEmailTopic } from '../notification-events';

/** One topic of a user's e-mail settings: whether they get its e-mails, and whether they may choose. */
export interface EmailSetting {
  topic: EmailTopic;
  email: boolean;
  /** False for offers, deadlines and the account's own messages, which always go out. */
  optional: boolean;
}

export interface EmailSettingChange {
  topic: EmailTopic;
  email: boolean;
}

/** Offers and deadlines (and the account's own messages) cannot be turned off. */
export class EmailTopicRequiredError extends InvalidInputError {
  constructor(topic: EmailTopic) {
    super(`E-mails about ${topic} cannot be turned off`, {
      code: 'notification.email_required',
      field: 'topics',
      params: { topic },
    });
  }
}

/**
 * Which e-mails a user gets. Every topic is on until the user turns it off; the in-app message
 * of a topic turned off still appears. The outbox leaves the e-mail out when it is recorded
 * (NotificationsService), so a topic turned off applies to what is emitted from then on.
 */
@Injectable()
export class EmailSettingsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<EmailSetting[]> {
    const rows: { topic: EmailTopic }[] = await this.dataSource.query(
      `SELECT topic FROM email_opt_outs WHERE user_id = $1`,
      [userId],
    );
    const off = new Set(rows.map((row) => row.topic));
    return EMAIL_TOPICS.map((topic) => ({
      topic,
      email: !off.has(topic),
      optional: isOptionalEmailTopic(topic),
    }));
  }

  /**
   * Applies the changes together: a request turning off a topic that cannot be turned off is
   * refused whole, and changes nothing. Turning on a required topic is allowed (it is on); a
   * topic named twice, on and off, is off.
   */
  async update(userId: string, changes: readonly EmailSettingChange[]): Promise<EmailSetting[]> {
    const refused = changes.find((change) => !change.email && !isOptionalEmailTopic(change.topic));
    if (refused) throw new EmailTopicRequiredError(refused.topic);
    const off = changes.filter((c) => !c.email).map((c) => c.topic);
    const on = changes.filter((c) => c.email).map((c) => c.topic);
    await this.dataSource.transaction(async (db) => {
      await db.query(`DELETE FROM email_opt_outs WHERE user_id = $1 AND topic = ANY($2::text[])`, [
        userId,
        on,
      ]);
      await db.query(
        `INSERT INTO email_opt_outs (user_id, topic)
         SELECT $1, topic FROM unnest($2::text[]) AS t(topic)
         ON CONFLICT (user_id, topic) DO NOTHING`,
        [userId, off],
      );
    });
    return this.get(userId);
  }
}
