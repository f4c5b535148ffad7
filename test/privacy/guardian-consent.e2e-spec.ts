import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';

describe("a guardian's consent for students under 18", () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;
  let admin: ReturnType<typeof as>;

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

  /** A minor and an adult, each offered a seat of a slot starting 1 February 2027. */
  async function offers() {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, { capacity: 3, startsOn: '2027-02-01' });
    // Turns 18 the day after the slot starts: still a minor on its first day.
    const minor = await make.aStudent(school, programme, { birthDate: '2009-02-02' });
    const adult = await make.aStudent(school, programme, { birthDate: '2009-02-01' });
    const round = await admin
      .post('/api/rounds', {
        name: 'Samtykke',
        preferencesCloseAt: new Date(Date.now() + 3600_000),
      })
      .expect(201);
    const roundId: string = round.body.id;
    await admin.post(`/api/rounds/${roundId}/open`).expect(200);
    for (const student of [minor, adult]) {
      await as(app, student.token)
        .put(`/api/rounds/${roundId}/preferences`, { slotIds: [slot.id] })
        .expect(200);
    }
    await admin.post(`/api/rounds/${roundId}/close`).expect(200);
    await admin.post(`/api/rounds/${roundId}/run`).expect(202);
    await eventually(async () =>
      (await admin.get(`/api/rounds/${roundId}`)).body.status === 'matched' ? true : undefined,
    );
    await admin.post(`/api/rounds/${roundId}/publish`).expect(200);
    const offerOf = async (student: { token: string }) =>
      (await as(app, student.token).get(`/api/placements?roundId=${roundId}`).expect(200)).body
        .items[0];
    return { minor, adult, minorOffer: await offerOf(minor), adultOffer: await offerOf(adult) };
  }

  it('asks a minor for the consent, records it, and lets an adult accept without', async () => {
    const { minor, adult, minorOffer, adultOffer } = await offers();
    expect(minorOffer).toMatchObject({ needsGuardianConsent: true, guardianConsentAt: null });
    expect(adultOffer).toMatchObject({ needsGuardianConsent: false });
    const student = as(app, minor.token);
    const url = `/api/placements/${minorOffer.id}/accept`;

    const missing = await student.post(url).expect(400);
    expect(missing.body.message).toMatch(/guardianConsent/);
    const unconfirmed = await student
      .post(url, { guardianConsent: { name: 'Mette Hansen', confirmed: false } })
      .expect(400);
    expect(unconfirmed.body.message).toEqual(['guardianConsent.confirmed must be true']);
    const nameless = await student.post(url, { guardianConsent: { confirmed: true } }).expect(400);
    expect(nameless.body.message).toEqual(
      expect.arrayContaining([expect.stringMatching(/^guardianConsent\.name/)]),
    );

    const accepted = await student
      .post(url, { guardianConsent: { name: 'Mette Hansen', confirmed: true } })
      .expect(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      guardianConsentAt: expect.any(String),
    });
    const [stored] = await app
      .get(DataSource)
      .query(`SELECT guardian_name FROM placements WHERE id = $1`, [minorOffer.id]);
    expect(stored.guardian_name).toBe('Mette Hansen');

    await as(app, adult.token).post(`/api/placements/${adultOffer.id}/accept`).expect(200);
  }, 30_000);

  it('is enforced by the database for any writer', async () => {
    const { minorOffer } = await offers();
    await expect(
      app
        .get(DataSource)
        .query(`UPDATE placements SET status = 'accepted', answered_at = now() WHERE id = $1`, [
          minorOffer.id,
        ]),
    ).rejects.toThrow(/placements_guardian_consent_check/);
  }, 30_000);
});
