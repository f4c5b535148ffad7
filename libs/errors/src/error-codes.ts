/**
 * Every code an api error can carry, stable across releases: clients (the web app) word them in
 * the reader's language, and `message` stays English for developers. A test fails when a code
 * here, or a validation rule of a DTO, has no Danish or English text in the web app.
 * Values are the error's parameters a text may name (`{count}`, `{status}` …).
 */
export const ERROR_CODES = [
  // One per kind, for errors with nothing more specific to say.
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  // Sign-in, sessions, passwords
  'auth.invalid_credentials',
  'auth.session_ended',
  'auth.sign_in_required',
  'auth.role_forbidden',
  'auth.too_many_attempts',
  'auth.wrong_current_password',
  'auth.same_password',
  'auth.invalid_invitation',
  'auth.invalid_reset_token',
  'password.too_short',
  'password.too_long',
  'password.common',
  'password.predictable',
  'password.personal',
  // Accounts and organisations
  'account.email_taken',
  'account.role_organisation',
  'account.student_account',
  'account.deactivate_self',
  'organisation.in_use',
  'organisation.duplicate',
  // Students
  'student.staff_only_fields',
  'student.availability_order',
  'student.school_not_own',
  'student.school_invalid',
  'student.programme_not_of_school',
  // Slots
  'slot.unknown_programmes',
  'slot.not_a_host',
  'slot.period_order',
  'slot.age_terms_fixed',
  'slot.organisation_not_own',
  // Rounds and preferences
  'round.state',
  'round.window_closed',
  'round.ineligible_slot',
  'round.invalid_preferences',
  'round.already_placed',
  'round.school_not_own',
  'round.no_free_slots',
  'round.another_open',
  // Offers and guardian consent
  'offer.guardian_required',
  'offer.guardian_link_used',
  'offer.guardian_link_expired',
  'offer.capacity_reached',
  'offer.expired',
  'offer.already_answered',
  'offer.not_accepted',
  'offer.already_placed',
  // Hiring needs and placement outcomes
  'pipeline.duplicate_hiring_need',
  'pipeline.unknown_programmes',
  'outcome.not_finished',
  'outcome.not_taken',
  'outcome.none_yet',
  'followup.link_used',
  'followup.link_expired',
  'followup.not_consented',
  'followup.not_a_member',
  // One person across schools
  'enrolment.open_offer',
  'enrolment.in_round',
  // Notifications
  'notification.not_failed',
  'notification.email_required',
  // CSV imports
  'import.empty',
  'import.no_rows',
  'import.nul_character',
  'import.bad_header',
  'import.too_many_rows',
  'import.not_csv',
  'import.too_wide',
  'import.invalid_rows',
  'import.unknown_value',
  'import.repeated_value',
  // Request limits (see request-shape.ts)
  'request.too_large',
  'request.shape',
  'request.nul_character',
  'request.list_too_long',
  // A body that broke the DTO's rules: `errors` lists each field with a `validation.<rule>` code
  'validation.failed',
  'server.unavailable',
  'server.error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values a text may show, e.g. `{ count: 3 }` for "3 rækker har fejl". */
export type ErrorParams = Record<string, string | number>;

/**
 * A rule of a DTO that a body broke: `validation.<rule>` after class-validator's rule name
 * (`validation.isNotEmpty`, `validation.maxLength` …), the field it broke it in.
 */
export const validationCode = (rule: string): `validation.${string}` => `validation.${rule}`;
