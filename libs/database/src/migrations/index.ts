import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Rounds1764100000000 } from './1764100000000-rounds';
import { Invitations1764200000000 } from './1764200000000-invitations';
import { Notifications1764300000000 } from './1764300000000-notifications';
import { NoCprNumbers1764400000000 } from './1764400000000-no-cpr-numbers';
import { AccessLog1764410000000 } from './1764410000000-access-log';
import { SlotOrders1764450000000 } from './1764450000000-slot-orders';
import { StudentErasure1764460000000 } from './1764460000000-student-erasure';
import { GuardianConsent1764470000000 } from './1764470000000-guardian-consent';
import { CatalogueVersions1764480000000 } from './1764480000000-catalogue-versions';
import { SchoolRosters1764490000000 } from './1764490000000-school-rosters';
import { AccessLogPerRequest1764500000000 } from './1764500000000-access-log-per-request';
import { OutboxPurge1764510000000 } from './1764510000000-outbox-purge';
import { AccountSessions1764600000000 } from './1764600000000-account-sessions';
import { RandomInvitationTokens1764600000001 } from './1764600000001-random-invitation-tokens';
import { SignInBlocks1764600000002 } from './1764600000002-sign-in-blocks';
import { RoundSeedCommitment1764630000000 } from './1764630000000-round-seed-commitment';
import { RoundSlotAgeTerms1764631000000 } from './1764631000000-round-slot-age-terms';
import { RoundSlotRanksAtClose1764632000000 } from './1764632000000-round-slot-ranks-at-close';
import { GuardianConsentByGuardian1764640000000 } from './1764640000000-guardian-consent-by-guardian';
import { LoginThrottles1764660000000 } from './1764660000000-login-throttles';
import { AccessLogGuardian1764670000000 } from './1764670000000-access-log-guardian';
import { RoundDrafts1764680000000 } from './1764680000000-round-drafts';
import { PasswordResets1764690000000 } from './1764690000000-password-resets';
import { TalentPipeline1764700000000 } from './1764700000000-talent-pipeline';
import { NotAcceptableApplicants1764730000000 } from './1764730000000-not-acceptable-applicants';
import { FollowUps1764750000000 } from './1764750000000-follow-ups';
import { Enrolments1764760000000 } from './1764760000000-enrolments';
import { OfferDetailsAndEmailSettings1764800000000 } from './1764800000000-offer-details-and-email-settings';
import { OneOpenRound1764830000000 } from './1764830000000-one-open-round';
import { PipelineStudents1764850000000 } from './1764850000000-pipeline-students';
import { MessageClaims1764920000000 } from './1764920000000-message-claims';
import { PipelineEmployersByCohort1764930000000 } from './1764930000000-pipeline-employers-by-cohort';
import { PipelineSummaryByTriggersOnly1764930000001 } from './1764930000001-pipeline-summary-by-triggers-only';
import { HostRanksWhileRankable1764940000000 } from './1764940000000-host-ranks-while-rankable';

/** Applied in this order; a landed migration is never edited, only followed by a new one. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Rounds1764100000000,
  Invitations1764200000000,
  Notifications1764300000000,
  NoCprNumbers1764400000000,
  AccessLog1764410000000,
  SlotOrders1764450000000,
  StudentErasure1764460000000,
  GuardianConsent1764470000000,
  CatalogueVersions1764480000000,
  SchoolRosters1764490000000,
  AccessLogPerRequest1764500000000,
  OutboxPurge1764510000000,
  AccountSessions1764600000000,
  RandomInvitationTokens1764600000001,
  SignInBlocks1764600000002,
  RoundSeedCommitment1764630000000,
  RoundSlotAgeTerms1764631000000,
  RoundSlotRanksAtClose1764632000000,
  GuardianConsentByGuardian1764640000000,
  LoginThrottles1764660000000,
  AccessLogGuardian1764670000000,
  RoundDrafts1764680000000,
  PasswordResets1764690000000,
  TalentPipeline1764700000000,
  NotAcceptableApplicants1764730000000,
  FollowUps1764750000000,
  Enrolments1764760000000,
  OfferDetailsAndEmailSettings1764800000000,
  OneOpenRound1764830000000,
  PipelineStudents1764850000000,
  MessageClaims1764920000000,
  PipelineEmployersByCohort1764930000000,
  PipelineSummaryByTriggersOnly1764930000001,
  HostRanksWhileRankable1764940000000,
];
