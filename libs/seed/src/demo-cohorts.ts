import { ENGINE_VERSION } from '@app/matching';
import { checkEligibility } from '@app/slots';
import { createHash } from 'node:crypto';
import { DEMO_REVIEWERS, PROGRAMMES } from './alliance';
import { DEMO_SLOTS, DemoSlot, DemoStudent, demoStudents, seededRandom } from './demo-generator';

/**
 * Three earlier cohorts (the years their students finished) with what became of them: a round
 * each, the placements it made, the hosts' outcomes, the consents to follow-ups and the answers,
 * and the employers' hiring needs. Drawn from a fixed seed, so every machine gets the same
 * story; the rates are plausible, not measured (docs/REPORTS.md).
 */
export const DEMO_COHORTS = [2024, 2025, 2026] as const;
export type DemoCohortYear = (typeof DEMO_COHORTS)[number];

/** The alliance grows: more students take part each year (the 2027 demo has 30 per school). */
const STUDENTS_PER_SCHOOL: Record<DemoCohortYear, number> = { 2024: 40, 2025: 48, 2026: 56 };
/** The years hiring needs are declared for: the cohorts, the demo round's year and the next. */
export const DEMO_HIRING_YEARS = [2024, 2025, 2026, 2027, 2028];

export interface CohortStudent extends DemoStudent {
  cohort: DemoCohortYear;
  availableFrom: string;
  availableTo: string;
}

export interface CohortSlot extends DemoSlot {
  cohort: DemoCohortYear;
  startsOn: string;
  endsOn: string;
  seatsTaken: number;
}

export interface CohortRound {
  key: string;
  cohort: DemoCohortYear;
  name: string;
  openAt: string;
  closeAt: string;
  publishedAt: string;
}

export interface CohortPreference {
  round: string;
  student: string;
  slot: string;
  rank: number;
}

export interface CohortAssignment {
  round: string;
  student: string;
  slot: string | null;
  rank: number | null;
}

/**
 * The record a round's run leaves (round_runs), of the drawn matching: the students who ranked,
 * the round's slots, how many got one and how many proposals the students made (each down their
 * list to the slot they got, or to its end). The input hash is of the drawn input (the students'
 * lists and the seats), not of an engine instance: the cohorts were drawn, not run.
 */
export interface CohortRun {
  round: string;
  inputHash: string;
  engineVersion: string;
  students: number;
  slots: number;
  matched: number;
  proposals: number;
  matchMs: number;
  totalMs: number;
}

export type SeedPlacementStatus = 'confirmed' | 'accepted' | 'declined' | 'expired';

export interface CohortPlacement {
  round: string;
  student: string;
  slot: string;
  status: SeedPlacementStatus;
  offeredAt: string;
  deadlineAt: string;
  answeredAt: string | null;
  confirmedAt: string | null;
  /** The host's reviewer, by e-mail, who confirmed or recorded. */
  reviewer: string;
}

export type SeedJobOffer = 'none' | 'offered' | 'accepted' | 'declined';

export interface CohortOutcome {
  student: string;
  completed: boolean;
  jobOffer: SeedJobOffer;
  reviewer: string;
  recordedAt: string;
  contestReason: string | null;
  contestedAt: string | null;
}

export interface CohortConsent {
  student: string;
  consented: boolean;
  answeredAt: string;
}

export type SeedSituation =
  'alliance_member' | 'kalundborg' | 'region_sjaelland' | 'elsewhere' | 'studying' | 'other';

/**
 * A follow-up at 6, 12 or 24 months after completion, of a consenting student. Its due date is
 * worked out in the database as the service does; the seed writes only those already due, and
 * an answer only when its day (due + answerDelay) has come.
 */
export interface CohortFollowUp {
  student: string;
  cohort: DemoCohortYear;
  months: 6 | 12 | 24;
  answerDelay: number | null;
  situation: SeedSituation | null;
  organisation: string | null;
  studyProgramme: string | null;
  studySchool: string | null;
}

export interface CohortHiringNeed {
  organisation: string;
  school: string;
  programme: string;
  year: number;
  count: number;
}

export interface DemoCohortData {
  students: CohortStudent[];
  slots: CohortSlot[];
  rounds: CohortRound[];
  preferences: CohortPreference[];
  assignments: CohortAssignment[];
  runs: CohortRun[];
  placements: CohortPlacement[];
  outcomes: CohortOutcome[];
  consents: CohortConsent[];
  followUps: CohortFollowUp[];
  hiringNeeds: CohortHiringNeed[];
}

const CHOICES = 3;
const LEVEL_OF = new Map(PROGRAMMES.map((p) => [`${p.school}/${p.code}`, p.level]));
const HOSTS = Object.keys(DEMO_REVIEWERS);
const FURTHER_STUDY: [string, string][] = [
  ['Bioanalytiker', 'Professionshøjskolen Absalon'],
  ['Procesteknolog', 'Professionshøjskolen Absalon'],
  ['Laborant', 'NEXT'],
  ['Kemiteknologi', 'Danmarks Tekniske Universitet'],
  ['Biologi', 'Københavns Universitet'],
  ['Maskinmester', 'Maskinmesterskolen København'],
];

type Random = () => number;

const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const at = (day: string, hour = 10): string => `${day}T${String(hour).padStart(2, '0')}:00:00Z`;
const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** The cohort's students: like the demo's own, a year of their own, finishing in June. */
function cohortStudents(cohort: DemoCohortYear): CohortStudent[] {
  const perSchool = STUDENTS_PER_SCHOOL[cohort];
  return demoStudents(cohort, perSchool).map((student) => {
    const n = student.key.split('-').pop();
    return {
      ...student,
      key: `${cohort}-${student.key}`,
      email: `dimittend${n}.${cohort}@${student.school}.demo`,
      // The demo students' ages are for February 2027: the cohort is as old in its own year.
      birthDate: `${Number(student.birthDate.slice(0, 4)) - (2027 - cohort)}${student.birthDate.slice(4)}`,
      cohort,
      availableFrom: `${cohort}-02-01`,
      availableTo: `${cohort}-06-30`,
    };
  });
}

/** The demo's slots as they were offered in the cohort's spring, with a share of the seats. */
function cohortSlots(cohort: DemoCohortYear): CohortSlot[] {
  const share = STUDENTS_PER_SCHOOL[cohort] / 30;
  return DEMO_SLOTS.map((slot) => {
    const week =
      slot.programmes.length > 0 && slot.programmes.every((p) => LEVEL_OF.get(p) === 'gymnasium');
    return {
      ...slot,
      key: `${cohort}-${slot.key}`,
      capacity: Math.max(1, Math.ceil(slot.capacity * share)),
      cohort,
      startsOn: week ? `${cohort}-03-04` : `${cohort}-02-01`,
      endsOn: week ? `${cohort}-03-08` : `${cohort}-04-30`,
      seatsTaken: 0,
    };
  });
}

function cohortRound(cohort: DemoCohortYear): CohortRound {
  return {
    key: `round-${cohort}`,
    cohort,
    name: `Matchrunde forår ${cohort}`,
    openAt: at(`${cohort - 1}-10-01`),
    closeAt: at(`${cohort - 1}-11-15`),
    publishedAt: at(`${cohort - 1}-11-20`),
  };
}

function isEligible(student: CohortStudent, slot: CohortSlot): boolean {
  const programme = `${student.school}/${student.programme}`;
  return checkEligibility(
    { ...student, programmeId: programme },
    { ...slot, status: 'open', programmeIds: slot.programmes },
  ).eligible;
}

/** Most students rank up to three slots they may take; a few never rank. */
function drawPreferences(
  random: Random,
  round: CohortRound,
  students: CohortStudent[],
  slots: CohortSlot[],
): CohortPreference[] {
  return students.flatMap((student) => {
    if (random() < 0.07) return [];
    const eligible = shuffled(
      random,
      slots.filter((slot) => isEligible(student, slot)),
    ).slice(0, CHOICES);
    return eligible.map((slot, i) => ({
      round: round.key,
      student: student.key,
      slot: slot.key,
      rank: i + 1,
    }));
  });
}

/**
 * Serial dictatorship in a drawn order: each student in turn gets their best choice with a seat
 * left. With the same priority at every slot it is what the deferred-acceptance matching gives.
 */
function drawAssignments(
  random: Random,
  preferences: CohortPreference[],
  slots: CohortSlot[],
): CohortAssignment[] {
  const seats = new Map(slots.map((slot) => [slot.key, slot.capacity]));
  const byStudent = new Map<string, CohortPreference[]>();
  for (const p of preferences) byStudent.set(p.student, [...(byStudent.get(p.student) ?? []), p]);
  return shuffled(random, [...byStudent.keys()]).map((student) => {
    const choices = byStudent.get(student)!;
    const got = choices.find((choice) => (seats.get(choice.slot) ?? 0) > 0);
    if (got) seats.set(got.slot, seats.get(got.slot)! - 1);
    return {
      round: choices[0].round,
      student,
      slot: got?.slot ?? null,
      rank: got?.rank ?? null,
    };
  });
}

function roundRun(
  round: CohortRound,
  preferences: CohortPreference[],
  assignments: CohortAssignment[],
  slots: CohortSlot[],
): CohortRun {
  const lists = new Map<string, string[]>();
  for (const p of [...preferences].sort((a, b) => a.rank - b.rank)) {
    lists.set(p.student, [...(lists.get(p.student) ?? []), p.slot]);
  }
  const input = {
    seed: `kalundborg-demo-${round.cohort}`,
    students: [...lists.entries()].sort(([a], [b]) => a.localeCompare(b)),
    seats: slots.map((slot) => [slot.key, slot.capacity]),
  };
  const proposals = assignments.reduce(
    (sum, a) => sum + (a.rank ?? lists.get(a.student)?.length ?? 0),
    0,
  );
  // Of the order a run of this size takes on the service's machine.
  const matchMs = Math.round(assignments.length * 2.5) / 100;
  return {
    round: round.key,
    inputHash: createHash('sha256').update(JSON.stringify(input)).digest('hex'),
    engineVersion: ENGINE_VERSION,
    students: assignments.length,
    slots: slots.length,
    matched: assignments.filter((a) => a.slot).length,
    proposals,
    matchMs,
    totalMs: Math.round((matchMs + 180 + assignments.length * 0.4) * 100) / 100,
  };
}

function drawStatus(random: Random): SeedPlacementStatus {
  const r = random();
  return r < 0.78 ? 'confirmed' : r < 0.88 ? 'accepted' : r < 0.96 ? 'declined' : 'expired';
}

function drawPlacements(
  random: Random,
  round: CohortRound,
  assignments: CohortAssignment[],
  slots: Map<string, CohortSlot>,
): CohortPlacement[] {
  const offeredAt = round.publishedAt;
  const deadline = addDays(offeredAt.slice(0, 10), 7);
  return assignments.flatMap(({ student, slot }) => {
    if (!slot) return [];
    const status = drawStatus(random);
    const answeredOn = addDays(offeredAt.slice(0, 10), between(random, 1, 6));
    const host = slots.get(slot)!.organisation;
    return [
      {
        round: round.key,
        student,
        slot,
        status,
        offeredAt,
        deadlineAt: at(deadline, 23),
        answeredAt: status === 'expired' ? at(deadline, 23) : at(answeredOn, 14),
        confirmedAt: status === 'confirmed' ? at(addDays(answeredOn, 3)) : null,
        reviewer: DEMO_REVIEWERS[host],
      },
    ];
  });
}

/** About half of those who complete a vocational or higher placement get a job offer. */
function drawJobOffer(random: Random, completed: boolean, level: string | undefined): SeedJobOffer {
  if (!completed || level === 'gymnasium' || random() >= 0.52) return 'none';
  const r = random();
  return r < 0.8 ? 'accepted' : r < 0.95 ? 'declined' : 'offered';
}

function drawOutcome(
  random: Random,
  placement: CohortPlacement,
  slot: CohortSlot,
  level: string | undefined,
): CohortOutcome | null {
  // A few hosts never record an outcome, even after the reminders.
  if (random() < 0.09) return null;
  const completed = random() < 0.91;
  const recordedOn = addDays(slot.endsOn, between(random, 2, 25));
  const contested = !completed && random() < 0.35;
  return {
    student: placement.student,
    completed,
    jobOffer: drawJobOffer(random, completed, level),
    reviewer: placement.reviewer,
    recordedAt: at(recordedOn),
    contestReason: contested
      ? 'Jeg gennemførte forløbet; den sidste uge var jeg syg og har lægeerklæring.'
      : null,
    contestedAt: contested ? at(addDays(recordedOn, between(random, 1, 10)), 19) : null,
  };
}

/** Asked once the placement has ended: most agree, some say no, some never answer. */
function drawConsent(random: Random, student: string, endsOn: string): CohortConsent | null {
  const r = random();
  if (r >= 0.86) return null;
  return {
    student,
    consented: r < 0.7,
    answeredAt: at(addDays(endsOn, between(random, 1, 12)), 20),
  };
}

interface Destiny {
  hiredBy: string | null;
  gymnasium: boolean;
}

function drawSituation(
  random: Random,
  months: number,
  destiny: Destiny,
): Pick<CohortFollowUp, 'situation' | 'organisation' | 'studyProgramme' | 'studySchool'> {
  const none = { organisation: null, studyProgramme: null, studySchool: null };
  const r = random();
  // Most who were hired still work there; it thins out with time.
  if (destiny.hiredBy && r < (months === 24 ? 0.72 : 0.86)) {
    return { ...none, situation: 'alliance_member', organisation: destiny.hiredBy };
  }
  // After the gymnasium many study on; many of the others work a year or two at home first.
  if (r < (destiny.gymnasium ? 0.45 : 0.1)) {
    const [programme, school] = FURTHER_STUDY[Math.floor(random() * FURTHER_STUDY.length)];
    return {
      situation: 'studying',
      organisation: null,
      studyProgramme: programme,
      studySchool: school,
    };
  }
  const s = random();
  const [member, kalundborg, region, elsewhere] = destiny.gymnasium
    ? [0.2, 0.6, 0.8, 0.95]
    : [0.3, 0.48, 0.72, 0.92];
  if (s < member) {
    const organisation = HOSTS[Math.floor(random() * HOSTS.length)];
    return { ...none, situation: 'alliance_member', organisation };
  }
  if (s < kalundborg) return { ...none, situation: 'kalundborg' };
  if (s < region) return { ...none, situation: 'region_sjaelland' };
  if (s < elsewhere) return { ...none, situation: 'elsewhere' };
  return { ...none, situation: 'other' };
}

/** Every milestone of a consenting student; about three in four are answered. */
function drawFollowUps(random: Random, student: CohortStudent, destiny: Destiny): CohortFollowUp[] {
  return ([6, 12, 24] as const).map((months) => {
    const answered = random() < 0.74;
    const answer = answered
      ? drawSituation(random, months, destiny)
      : { situation: null, organisation: null, studyProgramme: null, studySchool: null };
    return {
      student: student.key,
      cohort: student.cohort,
      months,
      answerDelay: answered ? between(random, 0, 20) : null,
      ...answer,
    };
  });
}

function drawHiringNeeds(random: Random): CohortHiringNeed[] {
  return HOSTS.flatMap((organisation) => {
    const programmes = new Set(
      DEMO_SLOTS.filter((slot) => slot.organisation === organisation)
        .flatMap((slot) => slot.programmes)
        .filter((p) => LEVEL_OF.get(p) !== 'gymnasium'),
    );
    const scale = organisation === 'novonordisk' ? 2.5 : organisation === 'novozymes' ? 1.6 : 1;
    return [...programmes].flatMap((programme) => {
      const base = 1 + random() * 4;
      const [school, code] = programme.split('/');
      return DEMO_HIRING_YEARS.map((year) => ({
        organisation,
        school,
        programme: code,
        year,
        count: Math.round(base * scale * (1 + 0.12 * (year - 2024))),
      }));
    });
  });
}

type CohortPart = Omit<DemoCohortData, 'hiringNeeds'>;

function drawCohort(random: Random, cohort: DemoCohortYear): CohortPart {
  const students = cohortStudents(cohort);
  const slots = cohortSlots(cohort);
  const round = cohortRound(cohort);
  const slotByKey = new Map(slots.map((slot) => [slot.key, slot]));
  const studentByKey = new Map(students.map((student) => [student.key, student]));
  const preferences = drawPreferences(random, round, students, slots);
  const assignments = drawAssignments(random, preferences, slots);
  const placements = drawPlacements(random, round, assignments, slotByKey);
  const outcomes: CohortOutcome[] = [];
  const consents: CohortConsent[] = [];
  const followUps: CohortFollowUp[] = [];
  for (const placement of placements) {
    if (placement.status !== 'confirmed' && placement.status !== 'accepted') continue;
    const slot = slotByKey.get(placement.slot)!;
    const student = studentByKey.get(placement.student)!;
    slot.seatsTaken += 1;
    const level = LEVEL_OF.get(`${student.school}/${student.programme}`);
    const outcome = drawOutcome(random, placement, slot, level);
    if (outcome) outcomes.push(outcome);
    const consent = drawConsent(random, placement.student, slot.endsOn);
    if (!consent) continue;
    consents.push(consent);
    if (!consent.consented) continue;
    const destiny = {
      hiredBy: outcome?.jobOffer === 'accepted' ? slot.organisation : null,
      gymnasium: level === 'gymnasium',
    };
    followUps.push(...drawFollowUps(random, student, destiny));
  }
  return {
    students,
    slots,
    rounds: [round],
    preferences,
    assignments,
    runs: [roundRun(round, preferences, assignments, slots)],
    placements,
    outcomes,
    consents,
    followUps,
  };
}

/** The three cohorts and the hiring needs, the same on every call. */
export function demoCohorts(seed = 1989): DemoCohortData {
  const random = seededRandom(seed);
  const cohorts = DEMO_COHORTS.map((cohort) => drawCohort(random, cohort));
  const all = <K extends keyof CohortPart>(key: K): CohortPart[K] =>
    cohorts.flatMap((c) => c[key] as unknown[]) as CohortPart[K];
  return {
    students: all('students'),
    slots: all('slots'),
    rounds: all('rounds'),
    preferences: all('preferences'),
    assignments: all('assignments'),
    runs: all('runs'),
    placements: all('placements'),
    outcomes: all('outcomes'),
    consents: all('consents'),
    followUps: all('followUps'),
    hiringNeeds: drawHiringNeeds(random),
  };
}
