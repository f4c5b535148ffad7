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
];
