import { AuthUser } from '@app/accounts';
import { Round } from '@app/database';
import { rankByScore } from '@app/matching';
import { PlacementsService } from '@app/placements';
import { PreferencesService, RoundsService, scoreApplicant } from '@app/rounds';
import { checkEligibility, EligibilitySlot } from '@app/slots';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { demoStudents } from './demo-generator';

export const DEMO_ROUND_NAME = 'Demo: matchrunde forår 2027';
const DEMO_SEED = 'kalundborg-demo-2027';
const CHOICES_PER_STUDENT = 5;

export interface DemoRoundSummary {
  roundId: string;
  students: number;
  slots: number;
  matched: number;
  firstChoice: number;
  unplaced: number;
}

interface DemoStudentRow {
  studentId: string;
  userId: string;
  schoolId: string;
  programmeId: string;
  birthDate: string;
  languages: string[];
  skills: string[];
  interests: string[];
  availableFrom: string;
  availableTo: string;
}

type DemoSlotRow = EligibilitySlot & { id: string; skills: string[]; focusArea: string };

/**
 * One demo round through the real path: every demo student ranks up to five eligible slots
 * (best fit first, ties by a per-student lottery), the worker runs the matching, the offers are
 * published. Running it again finds the round and only reports it.
 */
@Injectable()
export class DemoRoundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly preferences: PreferencesService,
    private readonly placements: PlacementsService,
  ) {}

  async run(timeoutMs = 120_000): Promise<DemoRoundSummary> {
    const existing = await this.dataSource
      .getRepository(Round)
      .findOneBy({ name: DEMO_ROUND_NAME });
    const round = existing ?? (await this.createAndRank());
    if (round.status === 'open') await this.rounds.close(round.id);
    if (['open', 'closed', 'matching'].includes(round.status)) {
      await this.rounds.requestRun(round.id);
      await this.waitUntilMatched(round.id, timeoutMs);
    }
    if ((await this.rounds.get(round.id)).status === 'matched') {
      await this.placements.publish(round.id);
    }
    return this.summary(round.id);
  }

  private async createAndRank(): Promise<Round> {
    const round = await this.rounds.create({
      name: DEMO_ROUND_NAME,
      preferencesCloseAt: new Date(Date.now() + 24 * 3600 * 1000),
      seed: DEMO_SEED,
    });
    await this.rounds.open(round.id);
    const [students, slots] = await Promise.all([this.demoStudents(), this.roundSlots(round.id)]);
    for (const student of students) {
      const slotIds = this.choicesOf(student, slots);
      if (slotIds.length === 0) continue;
      const caller: AuthUser = {
        id: student.userId,
        role: 'student',
        organisationId: student.schoolId,
        studentId: student.studentId,
      };
      await this.preferences.replace(caller, round.id, slotIds);
    }
    return this.rounds.get(round.id);
  }

  private choicesOf(student: DemoStudentRow, slots: DemoSlotRow[]): string[] {
    const eligible = slots.filter((slot) => checkEligibility(student, slot).eligible);
    const scored = eligible.map((slot) => ({
      id: slot.id,
      score: scoreApplicant(student, slot).total,
    }));
    return rankByScore(scored, `${DEMO_SEED}:${student.studentId}`)
      .slice(0, CHOICES_PER_STUDENT)
      .map((slot) => slot.id);
  }

  private demoStudents(): Promise<DemoStudentRow[]> {
    return this.dataSource.query(
      `SELECT s.id AS "studentId", s.user_id AS "userId", s.school_id AS "schoolId",
              s.programme_id AS "programmeId", to_char(s.birth_date, 'YYYY-MM-DD') AS "birthDate",
              s.languages, s.skills, s.interests,
              to_char(s.available_from, 'YYYY-MM-DD') AS "availableFrom",
              to_char(s.available_to, 'YYYY-MM-DD') AS "availableTo"
       FROM students s JOIN users u ON u.id = s.user_id
       WHERE u.email = ANY($1) ORDER BY u.email`,
      // This year's demo students; the earlier cohorts (demo-cohorts.ts) had their rounds.
      [demoStudents().map((student) => student.email)],
    );
  }

  private roundSlots(roundId: string): Promise<DemoSlotRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.min_age AS "minAge", s.language, s.status, s.skills, s.focus_area AS "focusArea",
              to_char(s.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(s.ends_on, 'YYYY-MM-DD') AS "endsOn",
              COALESCE(array_agg(sp.programme_id) FILTER (WHERE sp.programme_id IS NOT NULL), '{}') AS "programmeIds"
       FROM round_slots rs JOIN slots s ON s.id = rs.slot_id
       LEFT JOIN slot_programmes sp ON sp.slot_id = s.id
       WHERE rs.round_id = $1 GROUP BY s.id ORDER BY s.id`,
      [roundId],
    );
  }

  private async waitUntilMatched(roundId: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { status } = await this.rounds.get(roundId);
      if (status === 'matched' || status === 'published') return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`The worker did not finish the demo round within ${timeoutMs / 1000} s`);
  }

  private async summary(roundId: string): Promise<DemoRoundSummary> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS students,
              count(*) FILTER (WHERE slot_id IS NOT NULL)::int AS matched,
              count(*) FILTER (WHERE student_rank = 1)::int AS "firstChoice",
              (SELECT count(*)::int FROM round_slots WHERE round_id = $1) AS slots
       FROM assignments WHERE round_id = $1`,
      [roundId],
    );
    return { roundId, ...row, unplaced: row.students - row.matched };
  }
}
