import type { components } from './schema';

/**
 * Response shapes of the api. Where the OpenAPI document describes a response, the type is the
 * generated one; the others are written here as the services return them.
 */

type Schemas = components['schemas'];

export type Role = 'student' | 'coordinator' | 'reviewer' | 'admin';
export type FocusArea = 'education-research-innovation' | 'biotech-production' | 'green-transition';
export const FOCUS_AREAS: FocusArea[] = [
  'education-research-innovation',
  'biotech-production',
  'green-transition',
];
export type Language = 'da' | 'en' | 'de';
export type UiLanguage = 'da' | 'en';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Named {
  id: string;
  name: string;
}

/** A school's programme (uddannelse), with the school: GET /api/programmes. */
export type Programme = Schemas['ProgrammeResponse'];

/** A slot in a round with the seats it brought: GET /api/rounds/:id/slots. */
export type RoundSlot = Schemas['RoundSlotResponse'];

/** Whether a student has ranked in a round, and how many slots: GET /api/rounds/:id/students. */
export type StudentPreferenceStatus = Schemas['StudentPreferenceStatusResponse'];

export interface Student {
  id: string;
  userId: string;
  email: string | null;
  fullName: string;
  school: Named;
  programme: Named;
  birthDate: string;
  languages: Language[];
  skills: string[];
  interests: FocusArea[];
  motivation: string;
  availableFrom: string;
  availableTo: string;
  language: UiLanguage;
  activated: boolean;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  language: UiLanguage;
  organisationId: string | null;
  studentId: string | null;
  organisation: { id: string; name: string; kind: OrganisationKind } | null;
  student?: Student;
}

export interface LoginResult {
  accessToken: string;
  user: { id: string; role: Role; language: UiLanguage };
}

export type IneligibilityCode = 'closed' | 'programme' | 'period' | 'minimum_age' | 'language';

export interface Slot {
  id: string;
  organisation: Named;
  title: string;
  description: string;
  focusArea: FocusArea;
  programmes: Named[];
  skills: string[];
  language: Language | null;
  minAge: number | null;
  startsOn: string;
  endsOn: string;
  capacity: number;
  site: string;
  status: 'open' | 'closed';
  eligible?: boolean;
  reasons?: IneligibilityCode[];
  reasonMessages?: string[];
}

export type RoundStatus = 'draft' | 'open' | 'closed' | 'matching' | 'matched' | 'published';

export interface Round {
  id: string;
  name: string;
  status: RoundStatus;
  preferencesOpenAt: string;
  preferencesCloseAt: string;
  offerAnswerDays: number;
  proposer: 'students' | 'slots';
  seed: string;
  parentRoundId: string | null;
  createdAt: string;
  openedAt: string | null;
  matchedAt: string | null;
  publishedAt: string | null;
}

export interface Preference {
  rank: number;
  slotId: string;
  title: string;
  organisation: Named;
}

export type PlacementStatus =
  'offered' | 'accepted' | 'declined' | 'expired' | 'confirmed' | 'withdrawn';

export interface Placement {
  id: string;
  roundId: string;
  studentId: string;
  slotId: string;
  status: PlacementStatus;
  offeredAt: string;
  deadlineAt: string;
  answeredAt: string | null;
  confirmedAt: string | null;
  slot: { title: string; organisation: Named };
  student?: { fullName: string; email: string | null };
}

export interface RoundResult {
  studentId: string;
  slotId: string | null;
  studentRank: number | null;
}

export interface Explanation {
  roundId: string;
  assigned: { slotId: string; title: string; organisation: string; rank: number } | null;
  missed: {
    rank: number;
    slotId: string;
    title: string;
    organisation: string;
    cutoff: number | null;
    reason: 'full' | 'not_acceptable';
    yourPosition: number | null;
    message: string;
  }[];
}

export interface Applicant {
  studentId: string;
  fullName: string;
  programme: Named;
  school: Named;
  skills: string[];
  interests: FocusArea[];
  languages: Language[];
  motivation: string;
  score: { programme: number; skills: number; language: number; interests: number; total: number };
  hostRank: number | null;
  position: number;
}

export interface Demand {
  slotId: string;
  title: string;
  seats: number;
  applicants: number;
  byRank: number[];
}

export type ReportGroup = 'school' | 'programme' | 'employer';

export interface StudentReportRow {
  id: string;
  name: string;
  students: number;
  ranked: number;
  matched: number;
  accepted: number;
  confirmed: number;
  unplaced: number;
}

export interface EmployerReportRow {
  id: string;
  name: string;
  slots: number;
  seatsOffered: number;
  seatsFilled: number;
  applicants: number;
  matched: number;
  accepted: number;
  confirmed: number;
}

export interface NotificationItem {
  id: string;
  event: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export type OrganisationKind = 'school' | 'employer' | 'public' | 'network';

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  slug: string;
  description: string;
}

export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  language: UiLanguage;
  organisation: { id: string; name: string; kind: OrganisationKind } | null;
  activated: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface AccessLogEntry {
  id: string;
  at: string;
  studentId: string;
  actor: {
    id: string | null;
    role: 'coordinator' | 'reviewer' | 'admin' | 'worker';
    organisation: Named | null;
  };
  action: 'read' | 'change' | 'export' | 'erase';
  purpose: string;
  fields: string[];
}
