import { AppConfig } from '@app/config';
import { AccessLogService, WORKER } from '@app/access-log';
import { Channel, StatementBatcher } from '@app/database';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { guardianLink } from '../guardian-links';
import { LinkTokenIssuers, LinkTokenKind } from '../link-tokens';
import { followUpLink } from '../follow-up-links';
import {
  isGuardianEvent,
  isNotificationEvent,
  IN_APP_EVENT_NAMES,
  NOTIFICATION_EVENT_NAMES,
  webPath,
} from '../notification-events';
import { formatValue, Language } from '../templates/message-format';
import {
  findTemplateDirectory,
  RenderedMessage,
  TemplateCatalogue,
  TemplateError,
} from '../templates/template-catalogue';
import { calendarFile } from '../offers/calendar-file';
import {
  offerCalendarDescription,
  offerDetailValues,
  OfferSlotDetails,
} from '../offers/offer-details';
import { describeSmtpError, isPermanentSmtpFailure, MailAttachment, Mailer } from './mailer';

/** How long a claimed row is left to the worker sending it before a duplicate may try. */
const SENDING_LEASE = '2 minutes';

export type DeliveryOutcome = 'delivered' | 'already-done' | 'recipient-gone';

/** Retrying cannot help (a 5xx reply, a broken template); the row is marked failed. */
export class PermanentDeliveryError extends Error {}

/** The request was closed (a guardian answered, the deadline passed) before its message went out. */
class RequestClosedError extends Error {}

/** Another job is delivering this row right now; try again later. */
export class DeliveryInProgressError extends Error {}

interface ClaimedEntry {
  id: string;
  event: string;
  channel: Channel;
  payload: Record<string, unknown>;
  email: string;
  display_name: string;
  language: Language;
  student_id: string | null;
  student_name: string | null;
  guardian_consent_id: string | null;
  /** An offer's slot (offer e-mails only), read now like the names: its place and contact. */
  slot: (OfferSlotDetails & { startsOn: string; endsOn: string }) | null;
  /** Whether the offer's placement waits for a guardian (offer e-mails only). */
  needs_guardian_consent: boolean | null;
}

/** The offer and its reminder say the same: period, place, contact, guardian, next steps. */
const OFFER_DETAIL_EVENTS: ReadonlySet<string> = new Set(['offer.made', 'offer.reminder']);

interface Rendered extends RenderedMessage {
  link: string;
  /** The short in-app text (no link: the web app shows the link as a link of its own). */
  short: string;
  attachments: MailAttachment[];
}

/** In a host's message about an erased student; "praktikant", as a gymnasium pupil is no "studerende". */
const FALLBACK_STUDENT_NAME: Record<Language, string> = {
  da: 'en praktikant',
  en: 'a student',
};

/**
 * Delivers one outbox row. The row is the truth: a delivered or failed row is left alone, so
 * a job that runs twice has one effect. E-mail is at-least-once at one point only: a crash
 * after the SMTP server accepted a message and before the row is marked sends it again, with
 * the same Message-ID.
 */
@Injectable()
export class NotificationDeliveryService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('NotificationDelivery');
  private templates!: TemplateCatalogue;
  private readonly claims = new StatementBatcher((ids: string[]) => this.claimMany(ids));
  private readonly deliveredMarks = new StatementBatcher((ids: string[]) =>
    this.markManyDelivered(ids),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    private readonly accessLog: AccessLogService,
    private readonly linkTokens: LinkTokenIssuers,
  ) {}

  /** A worker without its message texts refuses to start rather than fail every delivery. */
  onModuleInit(): void {
    this.templates = new TemplateCatalogue(findTemplateDirectory());
    this.templates.verify(NOTIFICATION_EVENT_NAMES, ['da', 'en'], IN_APP_EVENT_NAMES);
  }

  /** After every module's init, when the owners of the linked requests have registered. */
  onApplicationBootstrap(): void {
    this.linkTokens.verify();
  }

  async deliver(outboxId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const entry = await this.claim(outboxId);
    if (!entry) return this.whyUnclaimed(outboxId);
    let message: Rendered;
    try {
      message = this.render(entry, await this.link(entry));
    } catch (error) {
      if (!(error instanceof TemplateError || error instanceof RequestClosedError)) {
        throw error;
      }
      await this.markFailed(entry.id, error.message);
      throw new PermanentDeliveryError(error.message);
    }
    if (entry.channel === 'in_app') await this.deliverInApp(entry, message);
    else await this.sendEmail(entry, message, finalAttempt);
    // Debug: at a thousand a second, one info line per message would drown everything else.
    this.logger.debug({ msg: 'notification delivered', outboxId, event: entry.event });
    return 'delivered';
  }

  /**
   * Takes the row for this attempt, with what rendering needs, unless it is done or busy.
   * Concurrent deliveries share one statement (see StatementBatcher).
   */
  private claim(outboxId: string): Promise<ClaimedEntry | undefined> {
    return this.claims.submit(outboxId);
  }

  private async claimMany(outboxIds: string[]): Promise<(ClaimedEntry | undefined)[]> {
    const rows: ClaimedEntry[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE outbox SET attempts = attempts + 1, sending_until = now() + $2::interval
         WHERE id = ANY($1::uuid[]) AND status IN ('pending', 'queued')
           AND (sending_until IS NULL OR sending_until < now())
         RETURNING id, event, channel, payload, recipient_user_id, guardian_consent_id
       )
       -- A guardian has no account: their name, address and language are the request's.
       SELECT c.id, c.event, c.channel, c.payload, c.guardian_consent_id,
              coalesce(u.email, g.guardian_email) AS email,
              coalesce(u.display_name, g.guardian_name) AS display_name,
              coalesce(u.language, g.language) AS language,
              s.id AS student_id, s.full_name AS student_name,
              CASE WHEN sl.id IS NOT NULL THEN json_build_object(
                'site', sl.site, 'contactName', sl.contact_name,
                'contactEmail', sl.contact_email, 'contactPhone', sl.contact_phone,
                'startsOn', sl.starts_on::text, 'endsOn', sl.ends_on::text) END AS slot,
              pl.needs_guardian_consent
       FROM claimed c
       LEFT JOIN users u ON u.id = c.recipient_user_id
       LEFT JOIN guardian_consents g ON g.id = c.guardian_consent_id
       LEFT JOIN students s ON s.id::text = c.payload->>'studentId'
       -- By the placement: an offer recorded before offers named their slot has it too.
       LEFT JOIN placements pl ON c.event IN ('offer.made', 'offer.reminder')
                               AND pl.id::text = c.payload->>'placementId'
       LEFT JOIN slots sl ON sl.id = pl.slot_id
       WHERE u.id IS NOT NULL OR g.id IS NOT NULL`,
      [outboxIds, SENDING_LEASE],
    );
    await this.recordStudentNamesRead(rows);
    // A row claimed once goes to one caller only, even if two jobs for it came together.
    const unclaimed = new Map(rows.map((row) => [row.id, row]));
    return outboxIds.map((id) => {
      const row = unclaimed.get(id);
      unclaimed.delete(id);
      return row;
    });
  }

  /**
   * A message to a host names the student: the worker's read goes into the access log, one row
   * per message, before the name is used. Concurrent claims share one insert (AccessLogService).
   */
  private async recordStudentNamesRead(rows: readonly ClaimedEntry[]): Promise<void> {
    await Promise.all(
      rows.flatMap(({ id, student_id: studentId }) =>
        studentId
          ? [
              this.accessLog.record(WORKER, {
                action: 'read',
                purpose: `job deliver-notification ${id}`,
                entries: [{ studentId, fields: ['fullName'] }],
              }),
            ]
          : [],
      ),
    );
  }

  private async whyUnclaimed(outboxId: string): Promise<DeliveryOutcome> {
    const [row]: { status: string; busy: boolean }[] = await this.dataSource.query(
      `SELECT status, coalesce(sending_until > now(), false) AS busy FROM outbox WHERE id = $1`,
      [outboxId],
    );
    if (!row) return 'recipient-gone'; // the user was erased, and their outbox with them
    if (row.busy && (row.status === 'pending' || row.status === 'queued')) {
      throw new DeliveryInProgressError(`Outbox ${outboxId} is being delivered by another job`);
    }
    return 'already-done';
  }

  private render(entry: ClaimedEntry, link: string): Rendered {
    const language: Language = entry.language === 'en' ? 'en' : 'da';
    const values: Record<string, string> = {
      name: entry.display_name,
      link,
      studentName: entry.student_name ?? FALLBACK_STUDENT_NAME[language],
    };
    for (const [key, value] of Object.entries(entry.payload)) {
      values[key] ??= formatValue(value, language);
    }
    if (OFFER_DETAIL_EVENTS.has(entry.event)) {
      // A reminder, or an offer recorded before offers carried their period, takes the slot's.
      values.startsOn ??= formatValue(entry.slot?.startsOn, language);
      values.endsOn ??= formatValue(entry.slot?.endsOn, language);
      Object.assign(values, offerValues(entry, values.deadline, language));
    }
    const message = this.templates.render(entry.event, language, values);
    return {
      ...message,
      link,
      short:
        entry.channel === 'in_app' ? this.templates.renderShort(entry.event, language, values) : '',
      attachments:
        OFFER_DETAIL_EVENTS.has(entry.event) && entry.channel === 'email' && entry.slot
          ? [offerCalendar(entry, entry.slot, offerCalendarDescription(values.contact, language))]
          : [],
    };
  }

  private async link(entry: ClaimedEntry): Promise<string> {
    const event: string = entry.event;
    if (!isNotificationEvent(event)) throw new TemplateError(`Unknown notification event ${event}`);
    const base = this.config.PUBLIC_URL.replace(/\/+$/, '');
    if (event === 'invitation') {
      return `${base}/invitation?token=${await this.linkToken('invitation', entry)}`;
    }
    if (event === 'password.reset') {
      return `${base}/reset-password?token=${await this.linkToken('password-reset', entry)}`;
    }
    if (isGuardianEvent(event)) {
      return guardianLink(this.config.PUBLIC_URL, await this.linkToken('guardian-consent', entry));
    }
    if (event === 'whereabouts.requested') {
      return followUpLink(this.config.PUBLIC_URL, await this.linkToken('follow-up', entry));
    }
    return `${base}${webPath(event, entry.payload)}`;
  }

  /**
   * The token of this message's link, drawn now by the request's owner, which keeps its hash
   * (a retried e-mail gets a new one). A closed request is the owner's call: an invitation or a
   * reset used or expired meanwhile gets a token stored nowhere (the link then says so); a
   * guardian's request answered or expired meanwhile gets none, and the row is marked failed.
   */
  private async linkToken(kind: LinkTokenKind, entry: ClaimedEntry): Promise<string> {
    const token = await this.linkTokens.issue(kind, {
      payload: entry.payload,
      guardianConsentId: entry.guardian_consent_id,
    });
    if (token === null) {
      throw new RequestClosedError(`The ${kind.replace('-', ' ')} request is no longer open`);
    }
    return token;
  }

  private async deliverInApp(entry: ClaimedEntry, message: Rendered): Promise<void> {
    // One statement: the notification appears exactly when the row is marked delivered.
    await this.dataSource.query(
      `WITH shown AS (
         INSERT INTO notifications (user_id, outbox_id, event, title, body, link)
         SELECT recipient_user_id, id, event, $2, $3, $4 FROM outbox WHERE id = $1
         ON CONFLICT (outbox_id) DO NOTHING
       )
       UPDATE outbox SET status = 'delivered', delivered_at = now(), sending_until = NULL,
                         last_error = NULL
       WHERE id = $1 AND status IN ('pending', 'queued')`,
      [entry.id, message.subject, message.short, message.link],
    );
  }

  private async sendEmail(entry: ClaimedEntry, message: Rendered, finalAttempt: boolean) {
    try {
      await this.mailer.send({
        to: entry.email,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments,
        messageId: `<${entry.id}@biotekbyen.dk>`,
      });
    } catch (error) {
      await this.recordSendFailure(entry, error, finalAttempt);
      throw isPermanentSmtpFailure(error)
        ? new PermanentDeliveryError(describeSmtpError(error))
        : error;
    }
    await this.markDelivered(entry.id);
  }

  private async recordSendFailure(entry: ClaimedEntry, error: unknown, finalAttempt: boolean) {
    const reason = describeSmtpError(error);
    const permanent = isPermanentSmtpFailure(error);
    this.logger.warn({
      msg: permanent ? 'notification refused' : 'notification not sent, will retry',
      outboxId: entry.id,
      event: entry.event,
      error: reason,
      finalAttempt,
    });
    if (permanent || finalAttempt) await this.markFailed(entry.id, reason);
    else await this.releaseClaim(entry.id, reason);
  }

  private async markDelivered(outboxId: string): Promise<void> {
    await this.deliveredMarks.submit(outboxId);
  }

  private async markManyDelivered(outboxIds: string[]): Promise<void[]> {
    await this.dataSource.query(
      `UPDATE outbox SET status = 'delivered', delivered_at = now(), sending_until = NULL,
                         last_error = NULL
       WHERE id = ANY($1::uuid[]) AND status IN ('pending', 'queued')`,
      [outboxIds],
    );
    return outboxIds.map(() => undefined);
  }

  private async releaseClaim(outboxId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox SET sending_until = NULL, last_error = $2
       WHERE id = $1 AND status IN ('pending', 'queued')`,
      [outboxId, reason],
    );
  }

  private async markFailed(outboxId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox SET status = 'failed', sending_until = NULL, last_error = $2
       WHERE id = $1 AND status IN ('pending', 'queued')`,
      [outboxId, reason.slice(0, 2000)],
    );
  }
}

function offerValues(entry: ClaimedEntry, deadline: string, language: Language) {
  return offerDetailValues(
    entry.slot,
    // The offer's own word, else (a reminder) the placement's.
    (entry.payload.needsGuardianConsent ?? entry.needs_guardian_consent) === true,
    deadline,
    language,
  );
}

/** The offer's period for the student's calendar; the same UID in every send of this offer. */
function offerCalendar(
  entry: ClaimedEntry,
  slot: NonNullable<ClaimedEntry['slot']>,
  description: string,
): MailAttachment {
  const payload = entry.payload as {
    placementId: string;
    slotTitle: string;
    organisationName: string;
  };
  const text = calendarFile({
    uid: `offer-${payload.placementId}@biotekbyen.dk`,
    // The period as the slot has it now, like the place: a calendar shows where to be when.
    startsOn: slot.startsOn,
    endsOn: slot.endsOn,
    summary: `${payload.slotTitle} · ${payload.organisationName}`,
    location: slot.site,
    description,
    stamp: new Date(),
  });
  return {
    filename: 'praktik.ics',
    content: text,
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
  };
}
