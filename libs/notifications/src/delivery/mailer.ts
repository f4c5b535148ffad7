import { AppConfig } from '@app/config';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import addressparser from 'nodemailer/lib/addressparser';
import Mail from 'nodemailer/lib/mailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SmtpPool } from './smtp-pool';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments?: MailAttachment[];
  /** `<outboxId@biotekbyen.dk>`: a message sent twice (see NOTIFICATIONS.md) is recognisable. */
  messageId: string;
}

/** A file sent with a message, e.g. an offer's period as an iCalendar file. */
export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

/** SMTP connections kept open per worker process; senders beyond them wait their turn. */
const MAX_CONNECTIONS = 16;

/** Sends e-mail over a pool of SMTP connections to SMTP_HOST (127.0.0.1 when unset). */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly pool: SmtpPool;
  /** SMTP_FROM's bare address, as MAIL FROM takes it ("Name <a@b>" is for the header). */
  private readonly sender: string;

  constructor(private readonly config: AppConfig) {
    this.sender = bareAddress(config.SMTP_FROM);
    this.pool = new SmtpPool({
      maxConnections: MAX_CONNECTIONS,
      host: config.SMTP_HOST ?? '127.0.0.1',
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  /**
   * Composes the whole message in memory with nodemailer's MailComposer first and hands it to
   * an SMTP connection as one buffer: streamed while composed, a message reaches the socket as
   * dozens of small writes, one system call each, which cost more than composing it.
   */
  async send(mail: OutgoingMail): Promise<void> {
    const raw = await compose({
      from: this.config.SMTP_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? undefined,
      attachments: mail.attachments,
      messageId: mail.messageId,
    });
    await this.pool.send({ from: this.sender, to: mail.to }, raw);
  }

  onApplicationShutdown(): void {
    this.pool.close();
  }
}

function bareAddress(header: string): string {
  const [first] = addressparser(header, { flatten: true });
  if (!first?.address) throw new Error(`SMTP_FROM holds no e-mail address: ${header}`);
  return first.address;
}

function compose(options: Mail.Options): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    new MailComposer(options)
      .compile()
      .build((error, message) => (error ? reject(error) : resolve(message))),
  );
}

/**
 * A 5xx reply is the server's final word (unknown mailbox, refused content): retrying cannot
 * help. 4xx replies and connection errors are worth retrying.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** The error as one line for the outbox's last_error, without the message text. */
export function describeSmtpError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 500);
  const { code, responseCode } = error as { code?: string; responseCode?: number };
  const prefix = [code, responseCode].filter((part) => part !== undefined).join(' ');
  return `${prefix ? `${prefix}: ` : ''}${error.message}`.slice(0, 500);
}
