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

/** A student as they, their coordinator and admins see them: GET /api/students. */
export type Student = Schemas['StudentResponse'];

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

export type IneligibilityCode = NonNullable<Slot['reasons']>[number];

export type Slot = Schemas['SlotResponse'];

export type RoundStatus = Round['status'];

export type Round = Schemas['RoundResponse'];

/** One entry of a student's ranked list. */
export type Preference = Schemas['RankedSlotResponse'];

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

export type RoundResult = Schemas['ResultResponse'];

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
