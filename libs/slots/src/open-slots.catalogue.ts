import { prepared, queryPrepared } from '@app/database';
import { NotFoundError } from '@app/errors';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkEligibility, Eligibility, EligibilityStudent } from './eligibility';
import { SlotView } from './slot-view';

/** What a student's list may be narrowed to. */
export interface OpenSlotsQuery {
  focusArea?: string;
  organisationId?: string;
  /** List every open slot, each marked eligible or not, with the reasons. */
  includeIneligible?: boolean;
}

/** Distinct student profiles and queries whose lists one snapshot remembers before starting over. */
const REMEMBERED_LISTS = 2_000;

/**
 * Every open slot as of one catalogue version (see the catalogue-versions migration), in list
 * order. The list for a student profile and query is made once and remembered: students of one
 * programme and term share a profile, so a page costs a slice, not an eligibility check per slot.
 */
export class OpenSlotsSnapshot {
  private readonly lists = new Map<string, readonly SlotView[]>();

  constructor(
    readonly version: bigint,
    readonly slots: readonly SlotView[],
  ) {}

  /** The slots the student may see for the query, each with its verdict. */
  listFor(student: EligibilityStudent, query: OpenSlotsQuery): readonly SlotView[] {
    const key = [
      profileKey(student),
      query.focusArea,
      query.organisationId,
      query.includeIneligible,
    ]
      .map((part) => part ?? '')
      .join('|');
    let listed = this.lists.get(key);
    if (!listed) {
      listed = this.slots
        .filter(
          (view) =>
            (!query.focusArea || view.focusArea === query.focusArea) &&
            (!query.organisationId || view.organisation.id === query.organisationId),
        )
        .map((view) => withEligibility(view, judge(student, view)))
        .filter((view) => query.includeIneligible || view.eligible);
      if (this.lists.size >= REMEMBERED_LISTS) this.lists.clear();
      this.lists.set(key, listed);
    }
    return listed;
  }
}

function judge(student: EligibilityStudent, view: SlotView): Eligibility {
  return checkEligibility(student, { ...view, programmeIds: view.programmes.map((p) => p.id) });
}

/** The slot as a student sees it: with whether they may take it, and why not. */
export function withEligibility(view: SlotView, eligibility: Eligibility): SlotView {
  return {
    ...view,
    eligible: eligibility.eligible,
    reasons: eligibility.reasons.map((r) => r.code),
    reasonMessages: eligibility.reasons.map((r) => r.message),
  };
}

/**
 * The open slots, kept in memory by each api instance and reloaded only when the database says
 * they changed: the caller reads the current version in the statement it needs anyway, and asks
 * for a snapshot at least that new. Concurrent callers share one reload.
 */
@Injectable()
export class OpenSlotsCatalogue {
  private current: Promise<OpenSlotsSnapshot> | undefined;

  constructor(private readonly db: DataSource) {}

  /** The catalogue version as SQL, for callers to read beside their own columns. */
  static readonly VERSION_SQL = `(SELECT version FROM catalogue_versions WHERE name = 'open_slots')`;

  /**
   * A student's eligibility profile and the open slots at least as new as the database, the
   * profile and the version read in one prepared statement. Throws NotFoundError for a caller
   * without a live student profile (an erased student's token may outlive the account).
   */
  async forStudent(
    studentId: string | null,
  ): Promise<{ profile: EligibilityStudent; snapshot: OpenSlotsSnapshot }> {
    const [row] = studentId
      ? await queryPrepared<EligibilityStudent & { version: string }>(
          this.db,
          STUDENT_PROFILE_AND_VERSION,
          [studentId],
        )
      : [];
    if (!row) throw new NotFoundError('Student profile');
    const { version, ...profile } = row;
    return { profile, snapshot: await this.atLeast(BigInt(version)) };
  }

  async atLeast(version: bigint): Promise<OpenSlotsSnapshot> {
    for (;;) {
      const pending = (this.current ??= this.load());
      let snapshot: OpenSlotsSnapshot;
      try {
        snapshot = await pending;
      } catch (error) {
        if (this.current === pending) this.current = undefined;
        throw error;
      }
      if (snapshot.version >= version) return snapshot;
      if (this.current === pending) this.current = this.load();
    }
  }

  /** One statement, so the version and the slots come from the same snapshot of the database. */
  private async load(): Promise<OpenSlotsSnapshot> {
    const [row] = await this.db.query<{ version: string; slots: SlotView[] }[]>(
      `SELECT ${OpenSlotsCatalogue.VERSION_SQL} AS version,
              (SELECT coalesce(json_agg(v ORDER BY v."startsOn", v.title, v.id), '[]')
                 FROM (${OPEN_SLOT_VIEWS_SQL}) v) AS slots`,
    );
    return new OpenSlotsSnapshot(BigInt(row.version), row.slots);
  }
}

/** A tombstone (erased student) has no birth date, and so no profile. */
const STUDENT_PROFILE_AND_VERSION = prepared(
  'slots-student-profile-and-version',
  `SELECT s.programme_id AS "programmeId", s.birth_date::text AS "birthDate", s.languages,
          s.available_from::text AS "availableFrom", s.available_to::text AS "availableTo",
          ${OpenSlotsCatalogue.VERSION_SQL} AS version
     FROM students s
    WHERE s.id = $1 AND s.birth_date IS NOT NULL`,
);

/** Every open slot in the shape of SlotView, its programmes by name. */
const OPEN_SLOT_VIEWS_SQL = `
  SELECT s.id, json_build_object('id', o.id, 'name', o.name) AS organisation,
         s.title, s.description, s.focus_area AS "focusArea",
         coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name)
                                   ORDER BY p.name, p.id)
                     FROM slot_programmes sp JOIN programmes p ON p.id = sp.programme_id
                    WHERE sp.slot_id = s.id), '[]') AS programmes,
         s.skills, s.language, s.min_age AS "minAge",
         s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn",
         s.capacity, s.site,
         json_build_object('name', s.contact_name, 'email', s.contact_email,
                           'phone', s.contact_phone) AS contact,
         s.status
    FROM slots s JOIN organisations o ON o.id = s.organisation_id
   WHERE s.status = 'open'`;

function profileKey(student: EligibilityStudent): string {
  return [
    student.programmeId,
    student.birthDate,
    student.availableFrom,
    student.availableTo,
    ...student.languages,
  ].join('|');
}
