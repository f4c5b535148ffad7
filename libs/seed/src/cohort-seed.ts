import { FOLLOW_UP_ANSWER_DAYS } from '@app/pipeline';
import { EntityManager } from 'typeorm';
import { DemoCohortData } from './demo-cohorts';

export interface CohortSeedCounts {
  /** Students of the earlier cohorts. */
  students: number;
  rounds: number;
  /** The rounds' run records, as the worker leaves them. */
  runs: number;
  placements: number;
  outcomes: number;
  followUps: number;
  hiringNeeds: number;
}

/**
 * Demo rows get ids derived from a stable key, so seeding twice inserts nothing new. The md5 is
 * shaped as a version-4 UUID (version and variant digits set) so every UUID check accepts it.
 */
export const demoId = (key: string) =>
  `overlay(overlay(md5('biotekbyen-demo:' || ${key}) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`;

const json = (rows: unknown[]) => JSON.stringify(rows);
const counted = (rows: unknown[]) => rows.length;

/**
 * Writes the earlier cohorts, table by table, each one set-based statement with
 * `ON CONFLICT DO NOTHING` on a derived key. `today` decides which follow-ups have fallen due
 * (and which answers have come in), as the daily job would have found them.
 */
export async function insertCohorts(
  db: EntityManager,
  data: DemoCohortData,
  passwordHash: string,
  today: string,
): Promise<CohortSeedCounts> {
  const students = await insertStudents(db, data, passwordHash);
  await insertSlots(db, data);
  const rounds = await insertRounds(db, data);
  await insertChoices(db, data);
  const runs = await insertRuns(db, data);
  const placements = await insertPlacements(db, data);
  return {
    students,
    rounds,
    runs,
    placements,
    outcomes: await insertOutcomes(db, data),
    followUps: await insertFollowUps(db, data, today),
    hiringNeeds: await insertHiringNeeds(db, data),
  };
}

async function insertStudents(
  db: EntityManager,
  data: DemoCohortData,
  passwordHash: string,
): Promise<number> {
  // A last sign-in at seeding: the retention rule erases a student a year after their
  // placement ended unless they signed in since, and these placements ended years ago.
  await db.query(
    `INSERT INTO users (id, email, display_name, role, organisation_id, organisation_kind,
                        password_hash, last_login_at)
     SELECT ${demoId('x.key')}, x.email, x."fullName", 'student', o.id, o.kind, $2, now()
     FROM jsonb_to_recordset($1::jsonb) AS x(key text, email text, "fullName" text, school text)
     JOIN organisations o ON o.slug = x.school
     ON CONFLICT (email) DO NOTHING`,
    [json(data.students), passwordHash],
  );
  const rows = await db.query(
    `INSERT INTO students (id, user_id, school_id, programme_id, full_name, birth_date, languages,
                           skills, interests, available_from, available_to,
                           expected_completion_year, expected_completion_month)
     SELECT ${demoId(`'student:' || x.key`)}, u.id, o.id, p.id, x."fullName", x."birthDate",
            x.languages, x.skills, x.interests, x."availableFrom", x."availableTo", x.cohort, 6
     FROM jsonb_to_recordset($1::jsonb) AS x(key text, email text, "fullName" text, school text,
          programme text, "birthDate" date, languages text[], skills text[], interests text[],
          "availableFrom" date, "availableTo" date, cohort int)
     JOIN users u ON u.email = x.email
     JOIN organisations o ON o.slug = x.school
     JOIN programmes p ON p.school_id = o.id AND p.code = x.programme
     ON CONFLICT (user_id) DO NOTHING RETURNING id`,
    [json(data.students)],
  );
  return counted(rows);
}

async function insertSlots(db: EntityManager, data: DemoCohortData) {
  await db.query(
    `INSERT INTO slots (id, organisation_id, organisation_kind, title, focus_area, skills, language,
                        min_age, starts_on, ends_on, capacity, site, status, seats_taken,
                        created_at, updated_at)
     SELECT ${demoId(`'slot:' || x.key`)}, o.id, o.kind, x.title, x."focusArea", x.skills,
            x.language, x."minAge", x."startsOn", x."endsOn", x.capacity, x.site, 'closed',
            x."seatsTaken", make_date(x.cohort - 1, 9, 1), x."endsOn"
     FROM jsonb_to_recordset($1::jsonb) AS x(key text, organisation text, title text,
          "focusArea" text, skills text[], language text, "minAge" int, "startsOn" date,
          "endsOn" date, capacity int, site text, "seatsTaken" int, cohort int)
     JOIN organisations o ON o.slug = x.organisation
     ON CONFLICT (id) DO NOTHING`,
    [json(data.slots)],
  );
  await db.query(
    `INSERT INTO slot_programmes (slot_id, programme_id)
     SELECT ${demoId(`'slot:' || x.key`)}, p.id
     FROM jsonb_to_recordset($1::jsonb) AS x(key text, programme text)
     JOIN organisations o ON o.slug = split_part(x.programme, '/', 1)
     JOIN programmes p ON p.school_id = o.id AND p.code = split_part(x.programme, '/', 2)
     ON CONFLICT DO NOTHING`,
    [json(data.slots.flatMap((s) => s.programmes.map((programme) => ({ key: s.key, programme }))))],
  );
}

async function insertRounds(db: EntityManager, data: DemoCohortData): Promise<number> {
  const rows = await db.query(
    `INSERT INTO rounds (id, name, status, preferences_open_at, preferences_close_at, seed,
                         created_at, opened_at, matched_at, published_at)
     SELECT ${demoId(`'round:' || x.key`)}, x.name, 'published', x."openAt", x."closeAt",
            'kalundborg-demo-' || x.cohort, x."openAt" - interval '7 days', x."openAt",
            x."publishedAt" - interval '1 day', x."publishedAt"
     FROM jsonb_to_recordset($1::jsonb) AS x(key text, name text, cohort int,
          "openAt" timestamptz, "closeAt" timestamptz, "publishedAt" timestamptz)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [json(data.rounds)],
  );
  const filled = new Map<string, number>();
  for (const a of data.assignments) if (a.slot) filled.set(a.slot, (filled.get(a.slot) ?? 0) + 1);
  await db.query(
    `INSERT INTO round_slots (round_id, slot_id, seats, filled)
     SELECT ${demoId(`'round:round-' || x.cohort`)}, ${demoId(`'slot:' || x.key`)}, x.capacity,
            x.filled
     FROM jsonb_to_recordset($1::jsonb) AS x(key text, cohort int, capacity int, filled int)
     ON CONFLICT DO NOTHING`,
    [json(data.slots.map((s) => ({ ...s, filled: filled.get(s.key) ?? 0 })))],
  );
  return counted(rows);
}

async function insertChoices(db: EntityManager, data: DemoCohortData) {
  await db.query(
    `INSERT INTO preferences (round_id, student_id, slot_id, rank)
     SELECT ${demoId(`'round:' || x.round`)}, ${demoId(`'student:' || x.student`)},
            ${demoId(`'slot:' || x.slot`)}, x.rank
     FROM jsonb_to_recordset($1::jsonb) AS x(round text, student text, slot text, rank int)
     ON CONFLICT (round_id, student_id, slot_id) DO NOTHING`,
    [json(data.preferences)],
  );
  await db.query(
    `INSERT INTO assignments (round_id, student_id, slot_id, student_rank)
     SELECT ${demoId(`'round:' || x.round`)}, ${demoId(`'student:' || x.student`)},
            CASE WHEN x.slot IS NULL THEN NULL ELSE ${demoId(`'slot:' || x.slot`)} END, x.rank
     FROM jsonb_to_recordset($1::jsonb) AS x(round text, student text, slot text, rank int)
     ON CONFLICT DO NOTHING`,
    [json(data.assignments)],
  );
}

/** Finished when the round was matched, with the round's own seed (a trigger checks it). */
async function insertRuns(db: EntityManager, data: DemoCohortData): Promise<number> {
  const rows = await db.query(
    `INSERT INTO round_runs (round_id, input_hash, seed, engine_version, proposer, blocking_pairs,
                             students, slots, matched, proposals, match_ms, total_ms, finished_at)
     SELECT r.id, x."inputHash", r.seed, x."engineVersion", r.proposer, 0, x.students, x.slots,
            x.matched, x.proposals, x."matchMs", x."totalMs", r.matched_at
     FROM jsonb_to_recordset($1::jsonb) AS x(round text, "inputHash" text, "engineVersion" text,
          students int, slots int, matched int, proposals bigint, "matchMs" float8,
          "totalMs" float8)
     JOIN rounds r ON r.id = ${demoId(`'round:' || x.round`)}
     ON CONFLICT (round_id) DO NOTHING RETURNING id`,
    [json(data.runs)],
  );
  return counted(rows);
}

async function insertPlacements(db: EntityManager, data: DemoCohortData): Promise<number> {
  const rows = await db.query(
    `INSERT INTO placements (id, round_id, student_id, slot_id, status, offered_at, deadline_at,
                             answered_at, confirmed_at, confirmed_by)
     SELECT ${demoId(`'placement:' || x.student`)}, ${demoId(`'round:' || x.round`)},
            ${demoId(`'student:' || x.student`)}, ${demoId(`'slot:' || x.slot`)}, x.status,
            x."offeredAt", x."deadlineAt", x."answeredAt", x."confirmedAt",
            CASE WHEN x."confirmedAt" IS NULL THEN NULL ELSE u.id END
     FROM jsonb_to_recordset($1::jsonb) AS x(round text, student text, slot text, status text,
          "offeredAt" timestamptz, "deadlineAt" timestamptz, "answeredAt" timestamptz,
          "confirmedAt" timestamptz, reviewer text)
     LEFT JOIN users u ON u.email = x.reviewer
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [json(data.placements)],
  );
  return counted(rows);
}

async function insertOutcomes(db: EntityManager, data: DemoCohortData): Promise<number> {
  const rows = await db.query(
    `INSERT INTO placement_outcomes (placement_id, student_id, completed, job_offer, recorded_by,
                                     recorded_at, contested_at, contest_reason)
     SELECT ${demoId(`'placement:' || x.student`)}, ${demoId(`'student:' || x.student`)},
            x.completed, x."jobOffer", u.id, x."recordedAt", x."contestedAt", x."contestReason"
     FROM jsonb_to_recordset($1::jsonb) AS x(student text, completed boolean, "jobOffer" text,
          reviewer text, "recordedAt" timestamptz, "contestedAt" timestamptz,
          "contestReason" text)
     LEFT JOIN users u ON u.email = x.reviewer
     ON CONFLICT (placement_id) DO NOTHING RETURNING placement_id`,
    [json(data.outcomes)],
  );
  return counted(rows);
}

/**
 * Consents, then the follow-ups due by `today` of those who consented (the database refuses
 * any other). Due dates as the daily job works them out: months after the last day of the
 * month of completion. An answer exists only when its day has come; the rest went unanswered.
 */
async function insertFollowUps(db: EntityManager, data: DemoCohortData, today: string) {
  await db.query(
    `INSERT INTO follow_up_consents (student_id, consented, answered_at)
     SELECT ${demoId(`'student:' || x.student`)}, x.consented, x."answeredAt"
     FROM jsonb_to_recordset($1::jsonb) AS x(student text, consented boolean,
          "answeredAt" timestamptz)
     WHERE x."answeredAt" <= $2::date
     ON CONFLICT (student_id) DO NOTHING`,
    [json(data.consents), today],
  );
  const rows = await db.query(
    `WITH due AS (
       SELECT x.*, ${demoId(`'student:' || x.student`)} AS student_id,
              ((make_date(x.cohort, 6, 1) + interval '1 month' - interval '1 day')
                + make_interval(months => x.months))::date AS due_on
       FROM jsonb_to_recordset($1::jsonb) AS x(student text, cohort int, months int,
            "answerDelay" int, situation text, organisation text, "studyProgramme" text,
            "studySchool" text)
     ), answered AS (
       SELECT d.*, d."answerDelay" IS NOT NULL AND d.due_on + d."answerDelay" <= $2::date AS yes
       FROM due d WHERE d.due_on <= $2::date
     )
     INSERT INTO follow_ups (student_id, months, due_on, expires_on, created_at, answered_at,
                             situation, organisation_id, study_programme, study_school)
     SELECT a.student_id, a.months, a.due_on, a.due_on + $3::int, a.due_on,
            CASE WHEN a.yes THEN (a.due_on + a."answerDelay") + time '18:00' END,
            CASE WHEN a.yes THEN a.situation END, CASE WHEN a.yes THEN o.id END,
            CASE WHEN a.yes THEN a."studyProgramme" END, CASE WHEN a.yes THEN a."studySchool" END
     FROM answered a
     JOIN follow_up_consents c ON c.student_id = a.student_id AND c.consented
     LEFT JOIN organisations o ON o.slug = a.organisation
     ON CONFLICT (student_id, months) DO NOTHING RETURNING id`,
    [json(data.followUps), today, FOLLOW_UP_ANSWER_DAYS],
  );
  return counted(rows);
}

async function insertHiringNeeds(db: EntityManager, data: DemoCohortData): Promise<number> {
  const rows = await db.query(
    `INSERT INTO hiring_needs (organisation_id, organisation_kind, programme_id, year, count)
     SELECT o.id, o.kind, p.id, x.year, x.count
     FROM jsonb_to_recordset($1::jsonb) AS x(organisation text, school text, programme text,
          year int, count int)
     JOIN organisations o ON o.slug = x.organisation
     JOIN organisations sc ON sc.slug = x.school
     JOIN programmes p ON p.school_id = sc.id AND p.code = x.programme
     ON CONFLICT DO NOTHING RETURNING year`,
    [json(data.hiringNeeds)],
  );
  return counted(rows);
}
