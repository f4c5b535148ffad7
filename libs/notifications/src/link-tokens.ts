import { Injectable } from '@nestjs/common';

/**
 * The messages whose link carries a one-time token. The token is drawn when the e-mail is made,
 * so it exists in the e-mail alone; only its hash is stored, in the request's own table, which
 * the lib owning that table writes (accounts: invitations, password_resets; placements:
 * guardian_consent_links; pipeline: follow_ups). Those libs sit above this one, so each registers the issuer of its
 * kind when its module starts, and the delivery asks the issuer for each message's token.
 */
export const LINK_TOKEN_KINDS = [
  'invitation',
  'password-reset',
  'guardian-consent',
  'follow-up',
] as const;
export type LinkTokenKind = (typeof LINK_TOKEN_KINDS)[number];

/** What the issuer is told about the message: its payload and, to a guardian, their request. */
export interface LinkTokenRequest {
  payload: Record<string, unknown>;
  guardianConsentId: string | null;
}

/**
 * Draws a token, stores its hash with the request and returns the token; null when the request
 * is closed and the message is no longer to be sent.
 */
export type LinkTokenIssuer = (request: LinkTokenRequest) => Promise<string | null>;

@Injectable()
export class LinkTokenIssuers {
  private readonly issuers = new Map<LinkTokenKind, LinkTokenIssuer>();

  register(kind: LinkTokenKind, issuer: LinkTokenIssuer): void {
    if (this.issuers.has(kind)) throw new Error(`A link token issuer for ${kind} is registered`);
    this.issuers.set(kind, issuer);
  }

  /** A worker that could not make these links refuses to start, rather than fail each e-mail. */
  verify(): void {
    const missing = LINK_TOKEN_KINDS.filter((kind) => !this.issuers.has(kind));
    if (missing.length > 0) {
      throw new Error(
        `No link token issuer for ${missing.join(', ')}: the app must import the modules of ` +
          'the libs that own them (AccountsModule, PlacementsModule, PipelineModule)',
      );
    }
  }

  issue(kind: LinkTokenKind, request: LinkTokenRequest): Promise<string | null> {
    const issuer = this.issuers.get(kind);
    if (!issuer) throw new Error(`No link token issuer for ${kind}`);
    return issuer(request);
  }
}
