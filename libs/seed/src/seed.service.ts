import { hashPassword } from '@app/accounts';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  ALLIANCE,
  DEMO_ADMIN,
  DEMO_COORDINATORS,
  DEMO_PASSWORD,
  DEMO_REVIEWERS,
  PROGRAMMES,
} from './alliance';
import { CohortSeedCounts, demoId, insertCohorts } from './cohort-seed';
import { demoCohorts } from './demo-cohorts';
import { DEMO_SLOTS, DemoSlot, demoStudents } from './demo-generator';

/** This year's demo students finish in June 2027: the cohort after the three earlier ones. */
const DEMO_COMPLETION = { year: 2027, month: 6 } as const;

export interface SeedCounts extends CohortSeedCounts {
  organisations: number;
  programmes: number;
  users: number;
  students: number;
  slots: number;
}

/**
 * Reference data (the alliance and its schools' programmes) and the Kalundborg demo. Every
 * insert is `ON CONFLICT DO NOTHING` on a natural or derived key: running it twice changes nothing.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(private readonly dataSource: DataSource) {}

  seedAlliance(): Promise<Pick<SeedCounts, 'organisations' | 'programmes'>> {
    return this.dataSource.transaction(async (db) => ({
      organisations: await this.insertOrganisations(db),
      programmes: await this.insertProgrammes(db),
    }));
  }

  /**
   * The alliance, its staff, this year's students and slots, and three earlier cohorts with
   * what became of them (demo-cohorts.ts). `today` decides which follow-ups have fallen due.
   */
  async seedDemo(today: Date = new Date()): Promise<SeedCounts> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    return this.dataSource.transaction(async (db) => {
      const organisations = await this.insertOrganisations(db);
      const programmes = await this.insertProgrammes(db);
      const users = await this.insertStaff(db, passwordHash);
      const students = await this.insertStudents(db, passwordHash);
      const slots = await this.insertSlots(db);
      const day = today.toISOString().slice(0, 10);
      const cohorts = await insertCohorts(db, demoCohorts(), passwordHash, day);
      const counts: SeedCounts = {
        ...cohorts,
        organisations,
        programmes,
        users,
        students: students + cohorts.students,
        slots,
      };
      this.logger.log({ msg: 'demo seeded', ...counts });
      return counts;
    });
  }

  private async insertOrganisations(db: EntityManager): Promise<number> {
    const rows = await db.query(
      `INSERT INTO organisations (slug, name, kind, description)
       SELECT slug, name, kind, description FROM jsonb_to_recordset($1::jsonb)
         AS x(slug text, name text, kind text, description text)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [JSON.stringify(ALLIANCE)],
    );
    return rows.length;
  }

  private async insertProgrammes(db: EntityManager): Promise<number> {
    const rows = await db.query(
      `INSERT INTO programmes (school_id, code, name, level)
       SELECT o.id, x.code, x.name, x.level FROM jsonb_to_recordset($1::jsonb)
         AS x(school text, code text, name text, level text)
       JOIN organisations o ON o.slug = x.school
       ON CONFLICT (school_id, code) DO NOTHING RETURNING id`,
      [JSON.stringify(PROGRAMMES)],
    );
    return rows.length;
  }

  private async insertStaff(db: EntityManager, passwordHash: string): Promise<number> {
    const staff = [
      { email: DEMO_ADMIN, name: 'Alliancens administrator', role: 'admin', organisation: null },
      ...Object.entries(DEMO_COORDINATORS).map(([organisation, email]) => ({
        email,
        name: 'Praktikkoordinator',
        role: 'coordinator',
        organisation,
      })),
      ...Object.entries(DEMO_REVIEWERS).map(([organisation, email]) => ({
        email,
        name: 'Praktikansvarlig',
        role: 'reviewer',
        organisation,
      })),
    ];
    const rows = await db.query(
      `INSERT INTO users (email, display_name, role, organisation_id, organisation_kind, password_hash)
       SELECT x.email, x.name, x.role, o.id, o.kind, $2 FROM jsonb_to_recordset($1::jsonb)
         AS x(email text, name text, role text, organisation text)
       LEFT JOIN organisations o ON o.slug = x.organisation
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [JSON.stringify(staff), passwordHash],
    );
    return rows.length;
  }

  private async insertStudents(db: EntityManager, passwordHash: string): Promise<number> {
    const students = demoStudents();
    await db.query(
      `INSERT INTO users (id, email, display_name, role, organisation_id, organisation_kind, password_hash)
       SELECT ${demoId('x.key')}, x.email, x."fullName", 'student', o.id, o.kind, $2
       FROM jsonb_to_recordset($1::jsonb) AS x(key text, email text, "fullName" text, school text)
       JOIN organisations o ON o.slug = x.school
       ON CONFLICT (email) DO NOTHING`,
      [JSON.stringify(students), passwordHash],
    );
    const rows = await db.query(
      `INSERT INTO students (id, user_id, school_id, programme_id, full_name, birth_date, languages,
                             skills, interests, available_from, available_to,
                             expected_completion_year, expected_completion_month)
       SELECT ${demoId(`'student:' || x.key`)}, u.id, o.id, p.id, x."fullName", x."birthDate",
              x.languages, x.skills, x.interests, DATE '2027-02-01', DATE '2027-06-30',
              ${DEMO_COMPLETION.year}, ${DEMO_COMPLETION.month}
       FROM jsonb_to_recordset($1::jsonb) AS x(key text, email text, "fullName" text, school text,
            programme text, "birthDate" date, languages text[], skills text[], interests text[])
       JOIN users u ON u.email = x.email
       JOIN organisations o ON o.slug = x.school
       JOIN programmes p ON p.school_id = o.id AND p.code = x.programme
       ON CONFLICT (user_id) DO NOTHING RETURNING id`,
      [JSON.stringify(students)],
    );
    // A demo seeded before its students had one: they get it, unless a coordinator set one.
    await db.query(
      `UPDATE students SET expected_completion_year = $2, expected_completion_month = $3
       WHERE id IN (SELECT ${demoId(`'student:' || x.key`)}
                    FROM jsonb_to_recordset($1::jsonb) AS x(key text))
         AND expected_completion_year IS NULL AND erased_at IS NULL`,
      [JSON.stringify(students), DEMO_COMPLETION.year, DEMO_COMPLETION.month],
    );
    return rows.length;
  }

  private async insertSlots(db: EntityManager): Promise<number> {
    const slots = DEMO_SLOTS.map((slot) => ({ ...slot, ...periodOf(slot) }));
    const rows = await db.query(
      `INSERT INTO slots (id, organisation_id, organisation_kind, title, focus_area, skills, language,
                          min_age, starts_on, ends_on, capacity, site)
       SELECT ${demoId(`'slot:' || x.key`)}, o.id, o.kind, x.title, x."focusArea", x.skills,
              x.language, x."minAge", x."startsOn", x."endsOn", x.capacity, x.site
       FROM jsonb_to_recordset($1::jsonb) AS x(key text, organisation text, title text,
            "focusArea" text, skills text[], language text, "minAge" int, "startsOn" date,
            "endsOn" date, capacity int, site text)
       JOIN organisations o ON o.slug = x.organisation
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [JSON.stringify(slots)],
    );
    await db.query(
      `INSERT INTO slot_programmes (slot_id, programme_id)
       SELECT ${demoId(`'slot:' || x.key`)}, p.id
       FROM jsonb_to_recordset($1::jsonb) AS x(key text, programme text)
       JOIN organisations o ON o.slug = split_part(x.programme, '/', 1)
       JOIN programmes p ON p.school_id = o.id AND p.code = split_part(x.programme, '/', 2)
       ON CONFLICT DO NOTHING`,
      [
        JSON.stringify(
          DEMO_SLOTS.flatMap((s) => s.programmes.map((programme) => ({ key: s.key, programme }))),
        ),
      ],
    );
    return rows.length;
  }
}

/** Gymnasium work experience lasts a week; other placements a spring term. */
function periodOf(slot: DemoSlot): { startsOn: string; endsOn: string } {
  const onlyGymnasium =
    slot.programmes.length > 0 && slot.programmes.every((p) => p.startsWith('kalundborg-gym/'));
  return onlyGymnasium
    ? { startsOn: '2027-03-01', endsOn: '2027-03-05' }
    : { startsOn: '2027-02-01', endsOn: '2027-04-30' };
}
