import { IneligibilityCode } from './eligibility';
import { Slot, SlotStatus } from '@app/database';

/** Whom an intern contacts at the host; empty strings until the host names someone. */
export interface SlotContact {
  name: string;
  email: string;
  phone: string;
}

/** A slot as every signed-in role sees it; students also get whether it is open to them. */
export interface SlotView {
  id: string;
  organisation: { id: string; name: string };
  title: string;
  description: string;
  focusArea: string;
  programmes: { id: string; name: string }[];
  skills: string[];
  language: string | null;
  minAge: number | null;
  startsOn: string;
  endsOn: string;
  capacity: number;
  site: string;
  contact: SlotContact;
  status: SlotStatus;
  eligible?: boolean;
  /** Machine codes, one per unmet requirement. */
  reasons?: IneligibilityCode[];
  /** The same reasons as readable sentences, in the same order. */
  reasonMessages?: string[];
}

export function toSlotView(
  slot: Slot,
  organisation: { id: string; name: string },
  programmes: { id: string; name: string }[],
): SlotView {
  return {
    id: slot.id,
    organisation,
    title: slot.title,
    description: slot.description,
    focusArea: slot.focusArea,
    programmes,
    skills: slot.skills,
    language: slot.language,
    minAge: slot.minAge,
    startsOn: slot.startsOn,
    endsOn: slot.endsOn,
    capacity: slot.capacity,
    site: slot.site,
    contact: { name: slot.contactName, email: slot.contactEmail, phone: slot.contactPhone },
    status: slot.status,
  };
}
