/**
 * Whether a student may take a slot: the rule the slot list, the preference check and the
 * matching all share. Pure, with no I/O, so the worker and the api apply exactly the same rule.
 * Dates are ISO calendar dates (YYYY-MM-DD), compared as strings so no time zone can shift them.
 */

export const INELIGIBILITY_CODES = [
  'closed',
  'programme',
  'period',
  'minimum_age',
  'language',
] as const;
export type IneligibilityCode = (typeof INELIGIBILITY_CODES)[number];

export interface IneligibilityReason {
  code: IneligibilityCode;
  /** A readable English sentence; clients translate by `code`. */
  message: string;
}

export interface EligibilityStudent {
  programmeId: string;
  birthDate: string;
  languages: readonly string[];
  availableFrom: string;
  availableTo: string;
}

export interface EligibilitySlot {
  /** Programmes the slot is open to; empty means every programme. */
  programmeIds: readonly string[];
  minAge: number | null;
  /** A language the intern must speak, or null when any will do. */
  language: string | null;
  startsOn: string;
  endsOn: string;
  status: string;
}

export interface Eligibility {
  eligible: boolean;
  reasons: IneligibilityReason[];
}

export function checkEligibility(student: EligibilityStudent, slot: EligibilitySlot): Eligibility {
  const reasons: IneligibilityReason[] = [];
  if (slot.status !== 'open') {
    reasons.push({ code: 'closed', message: 'The slot is closed' });
  }
  if (slot.programmeIds.length > 0 && !slot.programmeIds.includes(student.programmeId)) {
    reasons.push({ code: 'programme', message: 'The slot is not open to your programme' });
  }
  if (!periodsOverlap(student.availableFrom, student.availableTo, slot.startsOn, slot.endsOn)) {
    reasons.push({
      code: 'period',
      message: `The slot runs from ${slot.startsOn} to ${slot.endsOn}, outside your available period`,
    });
  }
  if (slot.minAge !== null && ageOn(student.birthDate, slot.startsOn) < slot.minAge) {
    reasons.push({
      code: 'minimum_age',
      message: `You must be at least ${slot.minAge} years old when the slot starts`,
    });
  }
  if (slot.language !== null && !student.languages.includes(slot.language)) {
    reasons.push({
      code: 'language',
      message: `The slot requires the language '${slot.language}'`,
    });
  }
  return { eligible: reasons.length === 0, reasons };
}

/** Both periods are inclusive: sharing a single day counts as overlapping. */
export function periodsOverlap(fromA: string, toA: string, fromB: string, toB: string): boolean {
  return fromA <= toB && fromB <= toA;
}

/**
 * Completed years between two ISO dates. Someone born on 29 February turns a year older on
 * 1 March in common years, as their birthday has not yet come on 28 February.
 */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const birthdayPassed = date.slice(5, 10) >= birthDate.slice(5, 10);
  return birthdayPassed ? years : years - 1;
}
