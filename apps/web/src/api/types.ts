import type { components } from './schema';

/**
 * The names the screens use for the api's response shapes, all generated from its OpenAPI
 * document (`npm run web:api-types`), so a change in the api shows up here as a type error.
 */

type Schemas = components['schemas'];

export type Role = Me['role'];
export type FocusArea = Student['interests'][number];
export const FOCUS_AREAS: FocusArea[] = [
  'education-research-innovation',
  'biotech-production',
  'green-transition',
];
export type Language = Student['languages'][number];
export type UiLanguage = Me['language'];

/** Another object named by id and name: a school, a host, a programme. */
export type Named = Schemas['NamedRef'];

/** A school's programme (uddannelse), with the school: GET /api/programmes. */
export type Programme = Schemas['ProgrammeResponse'];

/** A slot in a round with the seats it brought: GET /api/rounds/:id/slots. */
export type RoundSlot = Schemas['RoundSlotResponse'];
export type LeftOutSlot = Schemas['LeftOutSlotResponse'];
export type LeftOutReason = LeftOutSlot['reason'];

/** Whether a student has ranked in a round, and how many slots: GET /api/rounds/:id/students. */
export type StudentPreferenceStatus = Schemas['StudentPreferenceStatusResponse'];
export type RoundStanding = StudentPreferenceStatus['standing'];

/** A student as they, their coordinator and admins see them: GET /api/students. */
export type Student = Schemas['StudentResponse'];

/** One page of a student search: GET /api/students?q=. */
export type StudentPage = Schemas['StudentPage'];

/** The signed-in user, with their organisation and student profile: GET /api/me. */
export type Me = Schemas['MeResponse'];

export type LoginResult = Schemas['LoginResponse'];

export type IneligibilityCode = NonNullable<Slot['reasons']>[number];

export type Slot = Schemas['SlotResponse'];

export type RoundStatus = Round['status'];

export type Round = Schemas['RoundResponse'];

/** What the run gave, for admins once it is stored: GET /api/rounds/:id. */
export type RoundSummary = Schemas['RoundSummaryResponse'];

/** What opening a draft would take: GET /api/rounds/:id/opening-preview. */
export type OpeningPreview = Schemas['OpeningPreviewResponse'];

/** One entry of a student's ranked list. */
export type Preference = Schemas['RankedSlotResponse'];

export type PlacementStatus = Placement['status'];

/** An offer and the placement it became: GET /api/placements. */
export type Placement = Schemas['PlacementResponse'];

/** What a guardian sees behind their one-time link: POST /api/guardian-consent/offer. */
export type GuardianOffer = Schemas['GuardianOfferResponse'];

export type GuardianAnswer = Schemas['GuardianAnswerResponse'];
export type FollowUpForm = Schemas['FollowUpFormResponse'];
export type FollowUpConsent = Schemas['FollowUpConsentResponse'];

export type RoundResult = Schemas['ResultResponse'];

/** Why a student missed the slots ranked above the one received: GET /api/rounds/:id/explanation. */
export type Explanation = Schemas['ExplanationResponse'];

/** A student who ranked a host's slot: GET /api/rounds/:id/slots/:slotId/applicants. */
export type Applicant = Schemas['ApplicantResponse'];

/** How many ranked a slot, and at which ranks: GET /api/rounds/:id/demand. */
export type Demand = Schemas['SlotDemandResponse'];

/** GET /api/reports/placements: figures per school or programme, or per employer. */
export type Report = Schemas['StudentReportResponse'] | Schemas['HostReportResponse'];
export type ReportGroup = Report['groupBy'];
export type StudentReportRow = Schemas['StudentFiguresResponse'];
export type EmployerReportRow = Schemas['HostFiguresResponse'];

export type NotificationItem = Schemas['NotificationResponse'];

/** A page of my notifications, with how many are unread: GET /api/me/notifications. */
export type NotificationPage = Schemas['NotificationPage'];

export type OrganisationKind = Organisation['kind'];

export type Organisation = Schemas['OrganisationResponse'];

export type AdminUser = Schemas['AdminUserResponse'];
export type ThrottledAccount = Schemas['ThrottledAccountResponse'];

export type AccessLogEntry = Schemas['AccessLogEntryResponse'];

export type AccessLogPage = Schemas['AccessLogPage'];

export type FailedDelivery = Schemas['FailedDeliveryResponse'];

export type FailedDeliveryPage = Schemas['FailedDeliveryPage'];

export type Retried = Schemas['RetriedResponse'];

/** An organisation's hiring needs per programme and year: GET /api/organizations/:id/hiring-needs. */
export type HiringNeeds = Schemas['HiringNeedsResponse'];

/** Supply and demand per programme for a year, small counts withheld: GET /api/reports/supply-demand. */
export type SupplyDemand = Schemas['SupplyDemandResponse'];
/** The funnel of a cohort, small counts withheld: GET /api/reports/pipeline. */
export type PipelineReport = Schemas['PipelineReportResponse'];

/** A placement's outcome and the student's contest: GET /api/placements/:id/outcome. */
export type Outcome = Schemas['OutcomeResponse'];

/** A taken placement with its outcome, as the caller may see it: GET /api/outcomes. */
export type OutcomeListItem = Schemas['OutcomeListItemResponse'];

/** My enrolments, current first, and schools asking me to enrol: GET /api/me/enrolments. */
export type MyEnrolments = Schemas['MyEnrolmentsResponse'];
export type EnrolmentRequest = Schemas['EnrolmentRequestResponse'];

/** Moves from one member school to another in a year: GET /api/reports/school-transitions. */
export type SchoolTransitions = Schemas['SchoolTransitionsResponse'];
export type Todo = Schemas['TodoResponse'];

/** One student as their coordinator follows them: GET /api/students/:id/overview. */
export type StudentOverview = Schemas['StudentOverviewResponse'];
export type OverviewRound = Schemas['OverviewRoundResponse'];

/** What importing a roster would do: POST /api/students/import/preview. */
export type RosterPreview = Schemas['RosterPreviewResponse'];
export type RosterPlanRow = Schemas['RosterPlanRowResponse'];

/** What a roster import did: POST /api/students/import. */
export type ImportedStudents = Schemas['ImportedStudents'];

/** How many a message went to: the coordinator's reminders and invitations. */
export type SentCount = Schemas['SentCount'];

/** A coordinator's bulk message: sent, and left out for having had one lately. */
export type BulkSentCount = Schemas['BulkSentCount'];

export type EmailSetting = Schemas['EmailSettingResponse'];
export type EmailSettings = Schemas['EmailSettingsResponse'];
