import { PlacementsService } from '@app/placements';
import { REPORT_GROUPS } from '@app/rounds';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';

type Client = ReturnType<typeof as>;
type Answer = 'accept' | 'confirm' | 'decline' | 'expire' | 'none';

/** One generated student: what they rank (nothing: not taking part), what they do with an offer. */
interface Plan {
  ranks: number[];
  answer: Answer;
}

interface StudentRow {
  id: string;
  students: number;
  notTakingPart: number;
  ranked: number;
  waiting: number;
  matched: number;
  assigned: number;
  offered: number;
  awaitingGuardian: number;
  accepted: number;
  confirmed: number;
  declined: number;
  expired: number;
  withdrawn: number;
  unplaced: number;
}

interface HostRow extends Omit<StudentRow, 'students' | 'notTakingPart' | 'ranked' | 'waiting'> {
  slots: number;
  seatsOffered: number;
  seatsFilled: number;
  applicants: number;
}

const plans = fc.array(
  fc.record({
    ranks: fc.shuffledSubarray([0, 1, 2]),
    answer: fc.constantFrom<Answer>('accept', 'confirm', 'decline', 'expire', 'none'),
  }),
  { minLength: 4, maxLength: 9 },
);

/** The identities every report must satisfy, for every group. */
function expectStudentIdentities(row: StudentRow) {
  expect(row.notTakingPart + row.ranked).toBe(row.students);
  expect(row.waiting + row.matched + row.unplaced).toBe(row.ranked);
  expect(
    row.assigned +
      row.offered +
      row.awaitingGuardian +
      row.accepted +
      row.declined +
      row.expired +
      row.withdrawn,
  ).toBe(row.matched);
  expect(row.confirmed).toBeLessThanOrEqual(row.accepted);
  expect(row.accepted).toBeLessThanOrEqual(row.matched);
}

function expectHostIdentities(row: HostRow) {
  expect(
    row.assigned +
      row.offered +
      row.awaitingGuardian +
      row.accepted +
      row.declined +
      row.expired +
      row.withdrawn,
  ).toBe(row.matched);
  expect(row.confirmed).toBeLessThanOrEqual(row.accepted);
  expect(row.accepted).toBeLessThanOrEqual(row.matched);
  expect(row.matched).toBeLessThanOrEqual(row.seatsOffered);
  expect(row.matched).toBeLessThanOrEqual(row.applicants);
  expect(row.seatsFilled).toBe(row.accepted + row.awaitingGuardian);
}

describe('placement reports add up, for every groupBy, on generated rounds', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;
  let admin: Client;

  beforeAll(async () => {
    app = await startApi();
    worker = await startWorker();
    make = new Factories(app);
    admin = as(app, (await make.aUser('admin')).token);
  });

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  /** Every groupBy, as the admin and as the coordinator; returns the coordinator's school row. */
  async function checkReports(roundId: string, roundName: string, coordinator: Client) {
    let ownSchool: StudentRow | undefined;
    for (const [caller, client] of [
      ['admin', admin],
      ['coordinator', coordinator],
    ] as const) {
      for (const groupBy of REPORT_GROUPS) {
        const report = await client
          .get(`/api/reports/placements?groupBy=${groupBy}&roundId=${roundId}`)
          .expect(200);
        expect(report.body.round).toMatchObject({ id: roundId, name: roundName });
        for (const row of report.body.items) {
          if (groupBy === 'employer') expectHostIdentities(row as HostRow);
          else expectStudentIdentities(row as StudentRow);
        }
        if (caller === 'coordinator' && groupBy === 'school') {
          expect(report.body.items).toHaveLength(1);
          ownSchool = report.body.items[0];
        }
      }
    }
    return ownSchool!;
  }

  /** The coordinator's list counts the same standings as the report (one definition). */
  async function expectListMatchesReport(roundId: string, coordinator: Client, row: StudentRow) {
    const list = await coordinator.get(`/api/rounds/${roundId}/students?pageSize=100`).expect(200);
    const counted = new Map<string, number>();
    for (const item of list.body.items as { standing: string }[]) {
      counted.set(item.standing, (counted.get(item.standing) ?? 0) + 1);
    }
    // Students without an account are not listed: they take no part.
    const withoutAccount = row.students - list.body.total;
    expect((counted.get('notTakingPart') ?? 0) + withoutAccount).toBe(row.notTakingPart);
    for (const standing of ['waiting', 'offered', 'declined', 'expired', 'unplaced'] as const) {
      expect(counted.get(standing) ?? 0).toBe(row[standing]);
    }
    expect((counted.get('accepted') ?? 0) + (counted.get('confirmed') ?? 0)).toBe(row.accepted);
  }

  async function scenario(plan: Plan[]) {
    const school = await make.anOrganisation('school');
    const programmes = [await make.aProgramme(school.id), await make.aProgramme(school.id)];
    const hosts = [await make.anOrganisation('employer'), await make.anOrganisation('public')];
    const reviewers = [
      await make.aUser('reviewer', hosts[0]),
      await make.aUser('reviewer', hosts[1]),
    ];
    const slots = [
      await make.aSlot(hosts[0], { capacity: 1 }),
      await make.aSlot(hosts[0], { capacity: 2 }),
      await make.aSlot(hosts[1], { capacity: 1 }),
    ];
    const coordinator = as(app, (await make.aUser('coordinator', school)).token);
    const students = [];
    for (const [i, p] of plan.entries()) {
      const student = await make.aStudent(school, programmes[i % 2]);
      students.push({ ...student, plan: p });
    }

    const name = `Generated ${Date.now()}`;
    const created = await admin
      .post('/api/rounds', { name, preferencesCloseAt: new Date(Date.now() + 3600_000) })
      .expect(201);
    const roundId: string = created.body.id;
    await admin.post(`/api/rounds/${roundId}/open`).expect(200);
    for (const s of students) {
      if (s.plan.ranks.length === 0) continue;
      await as(app, s.token)
        .put(`/api/rounds/${roundId}/preferences`, {
          slotIds: s.plan.ranks.map((i) => slots[i].id),
        })
        .expect(200);
    }
    const takingPart = students.filter((s) => s.plan.ranks.length > 0);

    // Open: who ranked waits, everyone else takes no part; nobody is unplaced yet.
    const open = await checkReports(roundId, name, coordinator);
    expect(open).toMatchObject({
      students: plan.length,
      notTakingPart: plan.length - takingPart.length,
      waiting: takingPart.length,
      unplaced: 0,
      matched: 0,
    });
    await expectListMatchesReport(roundId, coordinator, open);

    await admin.post(`/api/rounds/${roundId}/close`).expect(200);
    await admin.post(`/api/rounds/${roundId}/run`).expect(202);
    await eventually(async () => {
      const round = await admin.get(`/api/rounds/${roundId}`).expect(200);
      return round.body.status === 'matched' ? true : undefined;
    }, 60_000);
    // Matched, not published: the coordinator still sees the students waiting.
    const matched = await checkReports(roundId, name, coordinator);
    expect(matched).toMatchObject({ waiting: takingPart.length, matched: 0 });

    await admin.post(`/api/rounds/${roundId}/publish`).expect(200);
    const expected = { offered: 0, accepted: 0, confirmed: 0, declined: 0, expired: 0 };
    const toExpire: string[] = [];
    let placedCount = 0;
    for (const s of takingPart) {
      const mine = await as(app, s.token).get(`/api/placements?roundId=${roundId}`).expect(200);
      const offer = mine.body.items[0] as { id: string; slot: { organisation: { id: string } } };
      if (!offer) continue;
      placedCount += 1;
      const client = as(app, s.token);
      if (s.plan.answer === 'decline') {
        await client.post(`/api/placements/${offer.id}/decline`).expect(200);
        expected.declined += 1;
      } else if (s.plan.answer === 'accept' || s.plan.answer === 'confirm') {
        await client.post(`/api/placements/${offer.id}/accept`, {}).expect(200);
        expected.accepted += 1;
        if (s.plan.answer === 'confirm') {
          const reviewer = reviewers[hosts.findIndex((h) => h.id === offer.slot.organisation.id)];
          await as(app, reviewer.token).post(`/api/placements/${offer.id}/confirm`).expect(200);
          expected.confirmed += 1;
        }
      } else if (s.plan.answer === 'expire') {
        toExpire.push(offer.id);
        expected.expired += 1;
      } else {
        expected.offered += 1;
      }
    }
    if (toExpire.length > 0) {
      // The deadline passes for these offers alone; the expiry job's own code expires them.
      await app.get(DataSource).query(
        `UPDATE placements SET offered_at = now() - interval '2 days',
                  deadline_at = now() - interval '1 day' WHERE id = ANY($1)`,
        [toExpire],
      );
      expect(await app.get(PlacementsService).expireDue(roundId)).toBe(toExpire.length);
    }

    const published = await checkReports(roundId, name, coordinator);
    expect(published).toMatchObject({
      students: plan.length,
      notTakingPart: plan.length - takingPart.length,
      waiting: 0,
      matched: placedCount,
      unplaced: takingPart.length - placedCount,
      ...expected,
    });
    await expectListMatchesReport(roundId, coordinator, published);
  }

  it('keeps placed + unplaced + waiting + not taking part = students, before and after', async () => {
    await fc.assert(
      fc.asyncProperty(plans, async (plan) => {
        await scenario(plan);
      }),
      { numRuns: 4 },
    );
  }, 600_000);
});
