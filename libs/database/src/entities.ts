import { Invitation } from '@app/accounts/invitation.entity';
import { User } from '@app/accounts/user.entity';
import { Notification } from '@app/notifications/notification.entity';
import { OutboxEntry } from '@app/notifications/outbox-entry.entity';
import { Organisation } from '@app/organisations/organisation.entity';
import { Placement } from '@app/placements/placement.entity';
import { Round } from '@app/rounds/round.entity';
import { Programme } from '@app/organisations/programme.entity';
import { Slot, SlotProgramme } from '@app/slots/slot.entity';
import { Student } from '@app/students/student.entity';

/** Every entity of the service, registered once with the data source. */
export const ENTITIES = [
  Organisation,
  Programme,
  User,
  Invitation,
  Student,
  Slot,
  SlotProgramme,
  Round,
  Placement,
  OutboxEntry,
  Notification,
];
