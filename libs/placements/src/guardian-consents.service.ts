import { guardianTokenHash, LinkTokenIssuers, newGuardianToken } from '@app/notifications';
import { AccessLogService, GUARDIAN, guardianPurpose } from '@app/access-log';
import { slotSeats } from '@app/slots';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OfferNotifications } from './offer-notifications';
import {
  GuardianLinkExpiredError,
  GuardianLinkNotFoundError,
  GuardianLinkUsedError,
} from './placements.errors';

export const GUARDIAN_DECISIONS = ['confirm', 'refuse'] as const;
export type GuardianDecision = (typeof GUARDIAN_DECISIONS)[number];

/** What the guardian sees behind their link: the offer and whom it is for, nothing else. */
export interface GuardianOfferView {
  student: { fullName: string };
  guardian: { name: string };
  slot: { title: string; organisation: { name: string }; startsOn: string; endsOn: string };
  deadlineAt: Date;
}

export interface GuardianAnswerView {
  outcome: 'confirmed' | 'refused';
  /** The placement's status now: accepted, or offered again after a refusal. */
  placementStatus: 'accepted' | 'offered';
}

interface RequestRow {
  consentId: string;
  placementId: string;
  studentId: string;
  slotId: string;
  outcome: string | null;
  expiresAt: Date;
  deadlineAt: Date;
  status: string;
  guardianName: string;
}

/**
 * The guardian's side of a minor's accept: no account, only the one-time link of their e-mail.
 * A token is looked up by its SHA-256; an unknown token is "not found", whether or not a
 * request exists. Answering closes the request (its outcome is set once, under a row lock), so
 * every link to it is spent: used again, it is refused and changes nothing. After the offer's
 * deadline a link is refused too.
 */
@Injectable()
export class GuardianConsentsService implements OnModuleInit {
  private readonly logger = new Logger(GuardianConsentsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly offerNotifications: OfferNotifications,
    private readonly accessLog: AccessLogService,
    private readonly linkTokens: LinkTokenIssuers,
  ) {}

  onModuleInit(): void {
    this.linkTokens.register('guardian-consent', ({ guardianConsentId }) =>
      this.issueLinkToken(guardianConsentId),
    );
  }

  /**
   * The token of one message to the guardian (a request, a reminder, a repeated send each get
   * their own), drawn when the worker makes the e-mail; only its hash is stored. Null when the
   * request was answered or expired meanwhile: no message is needed then.
   */
  private async issueLinkToken(consentId: string | null): Promise<string | null> {
    const { token, hash } = newGuardianToken();
    const stored: unknown[] = await this.dataSource.query(
      `INSERT INTO guardian_consent_links (token_hash, consent_id)
       SELECT $1, id FROM guardian_consents
       WHERE id = $2 AND outcome IS NULL AND expires_at > now()
       RETURNING consent_id`,
      [hash, consentId],
    );
    return stored.length === 0 ? null : token;
  }

  /**
   * The offer, for the guardian's page. Reading does not spend the link; it is written to the
   * student's access log (the guardian, by the request), before the answer leaves.
   */
  async view(token: string): Promise<GuardianOfferView> {
    const [row] = await this.dataSource.query<
      (RequestRow & {
        fullName: string;
        title: string;
        organisationName: string;
        startsOn: string;
        endsOn: string;
      })[]
    >(
      `${REQUEST} , st.full_name AS "fullName", s.title, o.name AS "organisationName",
                   s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn"
       ${REQUEST_FROM}
       JOIN students st ON st.id = p.student_id
       JOIN slots s ON s.id = p.slot_id JOIN organisations o ON o.id = s.organisation_id
       WHERE l.token_hash = $1`,
      [guardianTokenHash(token)],
    );
    assertOpen(row);
    await this.accessLog.record(GUARDIAN, {
      action: 'read',
      purpose: guardianPurpose('POST /api/guardian-consent/offer', row.consentId),
      entries: [{ studentId: row.studentId, fields: GUARDIAN_VIEW_FIELDS }],
    });
    return {
      student: { fullName: row.fullName },
      guardian: { name: row.guardianName },
      slot: {
        title: row.title,
        organisation: { name: row.organisationName },
        startsOn: row.startsOn,
        endsOn: row.endsOn,
      },
      deadlineAt: row.deadlineAt,
    };
  }

  /**
   * Consent makes the placement accepted (its seat has been held since the student accepted);
   * a refusal opens the offer again until its deadline, and gives the seat back, so the student
   * may name another guardian or decline.
   */
  answer(token: string, decision: GuardianDecision): Promise<GuardianAnswerView> {
    return this.dataSource.transaction(async (db) => {
      const [row] = await db.query<RequestRow[]>(
        `${REQUEST} ${REQUEST_FROM} WHERE l.token_hash = $1 FOR UPDATE OF g, p`,
        [guardianTokenHash(token)],
      );
      assertOpen(row);
      const outcome = decision === 'confirm' ? 'confirmed' : 'refused';
      await db.query(
        `UPDATE guardian_consents SET outcome = $2, answered_at = now() WHERE id = $1`,
        [row.consentId, outcome],
      );
      const view =
        outcome === 'confirmed' ? await this.confirm(db, row) : await this.refuse(db, row);
      await this.offerNotifications.guardianAnswered(db, row.placementId, row.consentId, outcome);
      // Either answer changes the student's placement: accepted, or offered again.
      await this.accessLog.record(
        GUARDIAN,
        {
          action: 'change',
          purpose: guardianPurpose('POST /api/guardian-consent/answer', row.consentId),
          entries: [{ studentId: row.studentId, fields: ['placement.status'] }],
        },
        db,
      );
      this.logger.log({ msg: 'guardian answered', placementId: row.placementId, outcome });
      return view;
    });
  }

  private async confirm(db: EntityManager, row: RequestRow): Promise<GuardianAnswerView> {
    await db.query(
      `UPDATE placements SET status = 'accepted', guardian_name = $2, guardian_consent_at = now()
       WHERE id = $1 AND status = 'awaiting_guardian'`,
      [row.placementId, row.guardianName],
    );
    await this.offerNotifications.answered(db, row.placementId, 'offer.accepted');
    return { outcome: 'confirmed', placementStatus: 'accepted' };
  }

  private async refuse(db: EntityManager, row: RequestRow): Promise<GuardianAnswerView> {
    await db.query(
      `UPDATE placements SET status = 'offered', answered_at = NULL
       WHERE id = $1 AND status = 'awaiting_guardian'`,
      [row.placementId],
    );
    await slotSeats.release(db, [row.slotId]);
    return { outcome: 'refused', placementStatus: 'offered' };
  }
}

/** What the guardian's page shows of the student: their name and the offer. */
const GUARDIAN_VIEW_FIELDS = ['fullName', 'placement'];

const REQUEST = `
  SELECT g.id AS "consentId", g.placement_id AS "placementId", g.student_id AS "studentId",
         p.slot_id AS "slotId",
         g.outcome, g.expires_at AS "expiresAt", p.deadline_at AS "deadlineAt", p.status,
         g.guardian_name AS "guardianName"`;

const REQUEST_FROM = `
  FROM guardian_consent_links l JOIN guardian_consents g ON g.id = l.consent_id
  JOIN placements p ON p.id = g.placement_id`;

function assertOpen(row: RequestRow | undefined): asserts row is RequestRow {
  if (!row) throw new GuardianLinkNotFoundError();
  if (row.outcome) throw new GuardianLinkUsedError(row.outcome);
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || row.deadlineAt.getTime() <= now) {
    throw new GuardianLinkExpiredError();
  }
  // Expired by the job, withdrawn by an erasure: the request closed with the placement.
  if (row.status !== 'awaiting_guardian') throw new GuardianLinkUsedError(row.status);
}
