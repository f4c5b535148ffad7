import { AppConfig } from '@app/config';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** `<outboxId@biotekbyen.dk>`: a message sent twice (see NOTIFICATIONS.md) is recognisable. */
  messageId: string;
}

/** SMTP connections kept open per worker process; nodemailer queues messages beyond this. */
const MAX_CONNECTIONS = 16;

/** Sends e-mail over a pool of SMTP connections to SMTP_HOST (127.0.0.1 when unset). */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transport = createTransport({
      pool: true,
      maxConnections: MAX_CONNECTIONS,
      maxMessages: Infinity,
      host: config.SMTP_HOST ?? '127.0.0.1',
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.config.SMTP_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? undefined,
      messageId: mail.messageId,
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
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
