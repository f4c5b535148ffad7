import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

describe("a placement's outcome in the student's export and erasure", () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(() => app.close());

  it('is exported with the contest, and erasure keeps the count but not the student’s words', async () => {
    const school = await make.anOrganisation('school');
    const student = await make.aStudent(school, await make.aProgramme(school.id), {
      expectedCompletion: '2028-06',
    });
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const slot = await make.aSlot(host, { startsOn: '2025-01-06', endsOn: '2025-03-28' });
    const placement = await make.aPlacement(student.studentId!, slot.id, 'confirmed');
    const path = `/api/placements/${placement.id}/outcome`;
    await as(app, reviewer.token).put(path, { completed: true, jobOffer: 'declined' }).expect(200);
    await as(app, student.token).post(`${path}/contest`, { reason: 'Jeg sagde ja' }).expect(200);

    const exported = await as(app, student.token)
      .get(`/api/students/${student.studentId}/export`)
      .expect(200);
    expect(exported.body.sections.profile).toMatchObject({
      expectedCompletionYear: 2028,
      expectedCompletionMonth: 6,
    });
    expect(exported.body.sections.placementOutcomes).toEqual([
      expect.objectContaining({
        placementId: placement.id,
        host: host.name,
        jobOffer: 'declined',
        contestReason: 'Jeg sagde ja',
      }),
    ]);

    await as(app, student.token).delete(`/api/students/${student.studentId}`).expect(204);
    const [outcome] = await db.query(
      `SELECT completed, job_offer, contest_reason, contested_at FROM placement_outcomes
       WHERE placement_id = $1`,
      [placement.id],
    );
    expect(outcome).toEqual({
      completed: true,
      job_offer: 'declined',
      contest_reason: null,
      contested_at: null,
    });
    const [tombstone] = await db.query(
      `SELECT expected_completion_year AS y FROM students WHERE id = $1`,
      [student.studentId],
    );
    expect(tombstone.y).toBeNull();
    // Erased, the student is nobody's to read any more.
    await as(app, reviewer.token).get(path).expect(404);
  });
});
