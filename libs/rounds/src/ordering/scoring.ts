/**
 * The transparent score that ranks a slot's applicants when the host has not ranked them.
 * Every part is shown to the reviewer, so the order can be explained to anyone who asks.
 */
export interface ScoringStudent {
  programmeId: string;
  skills: readonly string[];
  languages: readonly string[];
  interests: readonly string[];
}

export interface ScoringSlot {
  programmeIds: readonly string[];
  skills: readonly string[];
  language: string | null;
  focusArea: string;
}

export interface ScoreParts {
  /** 3 when the slot names the student's programme, 1 when it is open to every programme. */
  programme: number;
  /** 2 for each skill the slot asks for that the student has. */
  skills: number;
  /** 1 when the student speaks the slot's language (or the slot asks for none). */
  language: number;
  /** 2 when the slot's focus area is among the student's interests. */
  interests: number;
  total: number;
}

export const SCORE_WEIGHTS = {
  namedProgramme: 3,
  anyProgramme: 1,
  perSkill: 2,
  language: 1,
  interest: 2,
} as const;

export function scoreApplicant(student: ScoringStudent, slot: ScoringSlot): ScoreParts {
  const programme = slot.programmeIds.includes(student.programmeId)
    ? SCORE_WEIGHTS.namedProgramme
    : slot.programmeIds.length === 0
      ? SCORE_WEIGHTS.anyProgramme
      : 0;
  const wanted = wantedSkills(slot);
  const shared = new Set(student.skills.map(normaliseSkill).filter((skill) => wanted.has(skill)));
  const skills = shared.size * SCORE_WEIGHTS.perSkill;
  const language =
    slot.language === null || student.languages.includes(slot.language)
      ? SCORE_WEIGHTS.language
      : 0;
  const interests = student.interests.includes(slot.focusArea) ? SCORE_WEIGHTS.interest : 0;
  return {
    programme,
    skills,
    language,
    interests,
    total: programme + skills + language + interests,
  };
}

/** A slot is scored against every applicant: its skills are normalised once, not per applicant. */
const wantedBySlot = new WeakMap<ScoringSlot, Set<string>>();

function wantedSkills(slot: ScoringSlot): Set<string> {
  let wanted = wantedBySlot.get(slot);
  if (!wanted) {
    wanted = new Set(slot.skills.map(normaliseSkill));
    wantedBySlot.set(slot, wanted);
  }
  return wanted;
}

/** "PCR " and "pcr" are the same skill; Danish letters lower-case without a locale. */
function normaliseSkill(skill: string): string {
  return skill.trim().toLowerCase();
}
