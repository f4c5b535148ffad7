import { PlacementsService } from '@app/placements';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ParsedMail } from 'mailparser';
import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SmtpSink } from '../../scripts/smtp-sink';
import {
  isolateEnvironment,
  mailsTo,
  startSink,
  startWorker,
} from '../notifications/notifications-harness';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { tablesHolding } from './privacy-harness';

type Student = Awaited<ReturnType<Factories['aStudent']>>;

describe("a guardian's consent, given by the guardian", () => {
  let restore: () => Promise<void>;
  let sink: SmtpSink;
  let app: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;
  let db: DataSource;
  let admin: ReturnType<typeof as>;

  beforeAll(async () => {
    // A database of its own, so every table can be searched for the token and the guardian.
    restore = await isolateEnvironment();
    ({ sink } = await startSink());
    app = await startApi();
    worker = await startWorker();
    make = new Factories(app);
    db = app.get(DataSource);
    admin = as(app, (await make.aUser('admin')).token);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await sink?.close();
    await restore?.();
  }, 60_000);

  /** Minors (and one adult) offered a seat each of a slot starting 1 February 2027. */
  async function offers(minorCount = 1, capacity = 3) {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, {
      title: 'Laborant i fermentering',
      capacity,
      startsOn: '2027-02-01',
      endsOn: '2027-05-31',
    });
    const minors: Student[] = [];
    // Turns 18 the day after the slot starts: still a minor on its first day.
    for (let i = 0; i < minorCount; i++) {
      minors.push(await make.aStudent(school, programme, { birthDate: '2009-02-02' }));
    }
    const adult = await make.aStudent(school, programme, { birthDate: '2009-02-01' });
    const round = await admin
      .post('/api/rounds', {
        name: 'Samtykke',
        preferencesCloseAt: new Date(Date.now() + 3600_000),
      })
      .expect(201);
    const roundId: string = round.body.id;
    await admin.post(`/api/rounds/${roundId}/open`).expect(200);
    for (const student of [...minors, adult].slice(0, capacity)) {
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
    return {
      roundId,
      slot,
      host,
      school,
      minors,
      adult,
      offerOf,
      coordinator: await make.aUser('coordinator', school),
      reviewer: await make.aUser('reviewer', host),
    };
  }

  const anAddress = () => `vaerge-${randomBytes(4).toString('hex')}@example.dk`;

  async function mailFor(address: string, count = 1): Promise<ParsedMail[]> {
    return eventually(async () => {
      const mails = await mailsTo(sink, address);
      return mails.length >= count ? mails : undefined;
    });
  }

  async function mailWith(address: string, subject: string): Promise<ParsedMail> {
    return eventually(async () =>
      (await mailsTo(sink, address)).find((mail) => mail.subject === subject),
    );
  }

  function tokenIn(mail: ParsedMail): string {
    const match = /\/guardian-consent#token=([A-Za-z0-9_-]{43})/.exec(mail.text ?? '');
    if (!match) throw new Error(`no consent link in: ${mail.text}`);
    return match[1];
  }

  const guardianPost = (path: string, body: object) =>
    request(app.getHttpServer()).post(`/api/guardian-consent/${path}`).send(body);

  async function seatsTaken(slotId: string): Promise<number> {
    const [row] = await db.query(`SELECT seats_taken FROM slots WHERE id = $1`, [slotId]);
    return row.seats_taken;
  }

  async function statusOf(placementId: string): Promise<string> {
    const [row] = await db.query(`SELECT status FROM placements WHERE id = $1`, [placementId]);
    return row.status;
  }

  it('asks the named guardian by e-mail, and the placement is accepted once they consent', async () => {
    const market = await offers();
    const [minor] = market.minors;
    const offer = await market.offerOf(minor);
    expect(offer).toMatchObject({ needsGuardianConsent: true, status: 'offered' });
    const student = as(app, minor.token);
    const url = `/api/placements/${offer.id}/accept`;

    // A minor cannot accept alone, nor name a guardian without a usable address.
    const missing = await student.post(url).expect(400);
    expect(missing.body.message).toMatch(/guardian/);
    const noAddress = await student.post(url, { guardian: { name: 'Mette Hansen' } }).expect(400);
    expect(noAddress.body.message).toEqual(
      expect.arrayContaining([expect.stringMatching(/^guardian\.email/)]),
    );
    await student
      .post(url, { guardian: { name: 'Mette Hansen', email: 'not-an-address' } })
      .expect(400);
    expect(await statusOf(offer.id)).toBe('offered');
    expect(await seatsTaken(market.slot.id)).toBe(0);

    const address = anAddress();
    const accepted = await student
      .post(url, { guardian: { name: 'Mette Hansen', email: address } })
      .expect(200);
    expect(accepted.body).toMatchObject({
      status: 'awaiting_guardian',
      guardianConsentAt: null,
      guardianConsent: {
        state: 'awaiting',
        answeredAt: null,
        guardian: { name: 'Mette Hansen', email: address },
      },
    });
    // The seat is held while the guardian decides.
    expect(await seatsTaken(market.slot.id)).toBe(1);

    // The coordinator sees the state, not the guardian; the host only that consent is pending.
    const coordinatorView = (
      await as(app, market.coordinator.token).get(`/api/placements?roundId=${market.roundId}`)
    ).body.items.find((p: { id: string }) => p.id === offer.id);
    expect(coordinatorView.guardianConsent).toEqual({
      state: 'awaiting',
      requestedAt: expect.any(String),
      answeredAt: null,
    });
    const hostView = (
      await as(app, market.reviewer.token).get(`/api/placements?roundId=${market.roundId}`)
    ).body.items.find((p: { id: string }) => p.id === offer.id);
    expect(hostView.status).toBe('awaiting_guardian');
    expect(hostView).not.toHaveProperty('guardianConsent');
    expect(JSON.stringify(hostView)).not.toMatch(/Mette|vaerge/);

    const [mail] = await mailFor(address);
    const fullName = (
      await db.query(`SELECT full_name FROM students WHERE id = $1`, [minor.studentId])
    )[0].full_name as string;
    expect(mail.subject).toBe(`Samtykke til ${fullName}s praktikplads`);
    expect(mail.text).toContain('Hej Mette Hansen');
    expect(mail.text).toContain('Laborant i fermentering');
    expect(mail.text).toContain('1. februar 2027');
    const token = tokenIn(mail);
    // Only the token's SHA-256 is kept: the token itself is in no table.
    expect(await tablesHolding(db, [token])).toEqual([]);
    const [link] = await db.query(
      `SELECT l.token_hash FROM guardian_consent_links l
       JOIN guardian_consents g ON g.id = l.consent_id WHERE g.placement_id = $1`,
      [offer.id],
    );
    expect(link.token_hash).toEqual(createHash('sha256').update(token).digest());
    // The host hears nothing yet.
    const toHost = async () =>
      db.query(`SELECT 1 FROM outbox WHERE event = 'offer.accepted' AND recipient_user_id = $1`, [
        market.reviewer.id,
      ]);
    expect(await toHost()).toHaveLength(0);

    // The guardian sees the offer without signing in; looking does not use the link up.
    const seen = await guardianPost('offer', { token }).expect(200);
    expect(seen.body).toEqual({
      student: { fullName },
      guardian: { name: 'Mette Hansen' },
      slot: {
        title: 'Laborant i fermentering',
        organisation: { name: market.host.name },
        startsOn: '2027-02-01',
        endsOn: '2027-05-31',
      },
      deadlineAt: offer.deadlineAt,
    });
    // Seen by someone other than the student: written to the access log, by the request.
    const [{ id: consentId }] = await db.query(
      `SELECT id FROM guardian_consents WHERE placement_id = $1`,
      [offer.id],
    );
    const guardianRows = () =>
      db.query(
        `SELECT actor_id, action, purpose, fields FROM access_log
          WHERE actor_role = 'guardian' AND student_ids = ARRAY[$1::uuid] ORDER BY at, id`,
        [minor.studentId],
      );
    expect(await guardianRows()).toEqual([
      {
        actor_id: null,
        action: 'read',
        purpose: `POST /api/guardian-consent/offer guardian consent ${consentId}`,
        fields: ['fullName', 'placement'],
      },
    ]);
    const ownLog = await as(app, minor.token).get('/api/me/access-log').expect(200);
    expect(ownLog.body.items).toContainEqual(
      expect.objectContaining({
        studentId: minor.studentId,
        actor: { id: null, role: 'guardian', organisation: null },
        action: 'read',
      }),
    );
    await guardianPost('offer', { token }).expect(200);

    const answer = await guardianPost('answer', { token, decision: 'confirm' }).expect(200);
    expect(answer.body).toEqual({ outcome: 'confirmed', placementStatus: 'accepted' });
    // Two views and the answer, which changed the placement.
    expect((await guardianRows()).map((row: { action: string }) => row.action)).toEqual([
      'read',
      'read',
      'change',
    ]);
    expect((await guardianRows())[2]).toMatchObject({
      purpose: `POST /api/guardian-consent/answer guardian consent ${consentId}`,
      fields: ['placement.status'],
    });
    const after = await market.offerOf(minor);
    expect(after).toMatchObject({
      status: 'accepted',
      guardianConsentAt: expect.any(String),
      guardianConsent: { state: 'confirmed', answeredAt: expect.any(String) },
    });
    expect(await seatsTaken(market.slot.id)).toBe(1);
    expect(await toHost()).toHaveLength(2); // by e-mail and in the app
    await mailWith(minor.email, 'Din forælder eller værge har givet samtykke');

    // The link works once: used again, for either answer, it is refused and changes nothing.
    for (const decision of ['confirm', 'refuse']) {
      const again = await guardianPost('answer', { token, decision }).expect(409);
      expect(again.body.message).toMatch(/already been answered/);
    }
    await guardianPost('offer', { token }).expect(409);
    expect(await statusOf(offer.id)).toBe('accepted');
    expect(await seatsTaken(market.slot.id)).toBe(1);

    // An adult accepts on their own.
    const adultOffer = await market.offerOf(market.adult);
    expect(adultOffer.needsGuardianConsent).toBe(false);
    await as(app, market.adult.token)
      .post(`/api/placements/${adultOffer.id}/accept`)
      .expect(200)
      .expect((res) => expect(res.body.status).toBe('accepted'));
  }, 60_000);

  it('opens the offer again when the guardian refuses, so the student may name another', async () => {
    const market = await offers();
    const [minor] = market.minors;
    const offer = await market.offerOf(minor);
    const student = as(app, minor.token);
    const first = anAddress();
    await student
      .post(`/api/placements/${offer.id}/accept`, {
        guardian: { name: 'Jens Hansen', email: first },
      })
      .expect(200);
    const firstToken = tokenIn((await mailFor(first))[0]);

    const refused = await guardianPost('answer', { token: firstToken, decision: 'refuse' }).expect(
      200,
    );
    expect(refused.body).toEqual({ outcome: 'refused', placementStatus: 'offered' });
    expect(await market.offerOf(minor)).toMatchObject({
      status: 'offered',
      answeredAt: null,
      guardianConsentAt: null,
      guardianConsent: { state: 'refused', guardian: { name: 'Jens Hansen', email: first } },
    });
    expect(await seatsTaken(market.slot.id)).toBe(0);
    const coordinatorView = (
      await as(app, market.coordinator.token).get(`/api/placements?roundId=${market.roundId}`)
    ).body.items.find((p: { id: string }) => p.id === offer.id);
    expect(coordinatorView.guardianConsent.state).toBe('refused');
    await mailWith(minor.email, 'Din forælder eller værge har ikke givet samtykke');
    await guardianPost('answer', { token: firstToken, decision: 'confirm' }).expect(409);
    expect(await statusOf(offer.id)).toBe('offered');

    const second = anAddress();
    await student
      .post(`/api/placements/${offer.id}/accept`, {
        guardian: { name: 'Lone Hansen', email: second, language: 'en' },
      })
      .expect(200);
    const [english] = await mailFor(second);
    expect(english.subject).toMatch(/^Consent to .+'s internship$/);
    await guardianPost('answer', { token: tokenIn(english), decision: 'confirm' }).expect(200);
    expect(await statusOf(offer.id)).toBe('accepted');
    const [stored] = await db.query(`SELECT guardian_name FROM placements WHERE id = $1`, [
      offer.id,
    ]);
    expect(stored.guardian_name).toBe('Lone Hansen');
  }, 60_000);

  it('refuses a link after the deadline, and the expiry frees the seat of an unconfirmed placement', async () => {
    const market = await offers();
    const [minor] = market.minors;
    const offer = await market.offerOf(minor);
    const address = anAddress();
    await as(app, minor.token)
      .post(`/api/placements/${offer.id}/accept`, {
        guardian: { name: 'Ole Berg', email: address },
      })
      .expect(200);
    const token = tokenIn((await mailFor(address))[0]);
    await db.query(
      `UPDATE placements SET offered_at = now() - interval '2 days', deadline_at = now()
       WHERE id = $1`,
      [offer.id],
    );

    const late = await guardianPost('answer', { token, decision: 'confirm' }).expect(409);
    expect(late.body.message).toMatch(/deadline/);
    await guardianPost('offer', { token }).expect(409);
    expect(await statusOf(offer.id)).toBe('awaiting_guardian');

    await app.get(PlacementsService).scheduleExpiry(market.roundId);
    await eventually(async () => ((await statusOf(offer.id)) === 'expired' ? true : undefined));
    expect(await seatsTaken(market.slot.id)).toBe(0);
    const [request] = await db.query(
      `SELECT outcome FROM guardian_consents WHERE placement_id = $1`,
      [offer.id],
    );
    expect(request.outcome).toBe('expired');
    await guardianPost('answer', { token, decision: 'confirm' }).expect(409);
    expect(await statusOf(offer.id)).toBe('expired');
  }, 60_000);

  it('refuses a wrong or forged token with a 4xx and changes nothing', async () => {
    const market = await offers();
    const [minor] = market.minors;
    const offer = await market.offerOf(minor);
    const address = anAddress();
    await as(app, minor.token)
      .post(`/api/placements/${offer.id}/accept`, {
        guardian: { name: 'Eva Lund', email: address },
      })
      .expect(200);
    const token = tokenIn((await mailFor(address))[0]);
    const forged = `${token.slice(0, 42)}${token[42] === 'A' ? 'B' : 'A'}`;

    for (const attempt of [forged, randomBytes(32).toString('base64url')]) {
      const answer = await guardianPost('answer', { token: attempt, decision: 'confirm' }).expect(
        404,
      );
      expect(answer.body.message).toBe('Guardian consent link not found');
      await guardianPost('offer', { token: attempt }).expect(404);
    }
    for (const body of [
      {},
      { token: 'short' },
      { token: `${token}x`, decision: 'confirm' },
      { token, decision: 'maybe' },
      { token },
    ]) {
      await guardianPost('answer', body).expect(400);
    }
    expect(await statusOf(offer.id)).toBe('awaiting_guardian');
    const [request] = await db.query(
      `SELECT outcome FROM guardian_consents WHERE placement_id = $1`,
      [offer.id],
    );
    expect(request.outcome).toBeNull();
    // The real link still works.
    await guardianPost('answer', { token, decision: 'confirm' }).expect(200);
  }, 60_000);

  it('reminds the guardian with a link of its own, and the student, before the deadline', async () => {
    const market = await offers();
    const [minor] = market.minors;
    const offer = await market.offerOf(minor);
    const address = anAddress();
    await as(app, minor.token)
      .post(`/api/placements/${offer.id}/accept`, {
        guardian: { name: 'Per Holm', email: address },
      })
      .expect(200);
    const first = tokenIn((await mailFor(address))[0]);

    // The adult's offer reminder (2 channels), the minor's (2), the guardian's (e-mail only).
    await expect(app.get(PlacementsService).remindDue(market.roundId)).resolves.toBe(5);
    const mails = await mailFor(address, 2);
    const reminder = mails.find((m) => m.subject?.startsWith('Påmindelse'));
    expect(reminder).toBeDefined();
    const second = tokenIn(reminder!);
    expect(second).not.toBe(first);
    await mailWith(minor.email, 'Din forælder eller værge har ikke svaret endnu');
    // The adult has not answered: their reminder repeats the offer, with no word of a guardian.
    const adultReminder = await mailWith(market.adult.email, 'Husk at svare på dit tilbud');
    expect(adultReminder.text).toContain('Periode: 1. februar 2027 til 31. maj 2027');
    expect(adultReminder.text).toContain('Hvad sker der nu');
    expect(adultReminder.text).not.toContain('værge');

    // Either link answers, once for both: the request is what is used up.
    await guardianPost('offer', { token: first }).expect(200);
    await guardianPost('answer', { token: second, decision: 'confirm' }).expect(200);
    await guardianPost('answer', { token: first, decision: 'refuse' }).expect(409);
    expect(await statusOf(offer.id)).toBe('accepted');
  }, 60_000);

  it('never fills a slot beyond its seats under concurrent accepts and guardian answers', async () => {
    const market = await offers(3, 3);
    // The host gives up a seat after the offers went out: three offers, two seats.
    await db.query(`UPDATE slots SET capacity = 2 WHERE id = $1`, [market.slot.id]);
    const placed = await Promise.all(market.minors.map((m) => market.offerOf(m)));
    const addresses = market.minors.map(() => anAddress());
    const accepts = await Promise.all(
      market.minors.map((minor, i) =>
        as(app, minor.token).post(`/api/placements/${placed[i].id}/accept`, {
          guardian: { name: 'Værge', email: addresses[i] },
        }),
      ),
    );
    expect(accepts.map((r) => r.status).sort()).toEqual([200, 200, 409]);
    expect(await seatsTaken(market.slot.id)).toBe(2);

    const waiting = addresses.filter((_, i) => accepts[i].status === 200);
    const tokens = await Promise.all(waiting.map(async (a) => tokenIn((await mailFor(a))[0])));
    // Every guardian answers at once, twice over (a double click), one of them also refusing.
    const answers = await Promise.all([
      ...tokens.flatMap((token) => [
        guardianPost('answer', { token, decision: 'confirm' }),
        guardianPost('answer', { token, decision: 'confirm' }),
      ]),
      guardianPost('answer', { token: tokens[0], decision: 'refuse' }),
    ]);
    const wins = answers.filter((r) => r.status === 200);
    expect(wins).toHaveLength(2);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(3);
    const [counts] = await db.query(
      `SELECT count(*) FILTER (WHERE status IN ('accepted', 'awaiting_guardian'))::int AS held,
              (SELECT seats_taken FROM slots WHERE id = $1) AS taken,
              (SELECT capacity FROM slots WHERE id = $1) AS capacity
       FROM placements WHERE slot_id = $1`,
      [market.slot.id],
    );
    expect(counts.taken).toBe(counts.held);
    expect(counts.taken).toBeLessThanOrEqual(counts.capacity);
  }, 60_000);

  it("puts the guardian in the student's export and erases them with the student", async () => {
    const market = await offers();
    const [minor] = market.minors;
    const offer = await market.offerOf(minor);
    const address = anAddress();
    await as(app, minor.token)
      .post(`/api/placements/${offer.id}/accept`, {
        guardian: { name: 'Gurli Glemsom', email: address },
      })
      .expect(200);
    const token = tokenIn((await mailFor(address))[0]);
    const exported = await as(app, minor.token)
      .get(`/api/students/${minor.studentId}/export`)
      .expect(200);
    expect(exported.body.sections.guardianConsents).toEqual([
      expect.objectContaining({
        guardianName: 'Gurli Glemsom',
        guardianEmail: address,
        outcome: null,
        linksSent: 1,
      }),
    ]);
    expect(JSON.stringify(exported.body)).not.toContain('tokenHash');

    await as(app, minor.token).delete(`/api/students/${minor.studentId}`).expect(204);
    expect(await tablesHolding(db, ['Gurli Glemsom', address])).toEqual([]);
    expect(await seatsTaken(market.slot.id)).toBe(0);
    await guardianPost('answer', { token, decision: 'confirm' }).expect(404);
  }, 60_000);

  it('is enforced by the database for any writer', async () => {
    const market = await offers();
    const minorOffer = await market.offerOf(market.minors[0]);
    await expect(
      db.query(`UPDATE placements SET status = 'accepted', answered_at = now() WHERE id = $1`, [
        minorOffer.id,
      ]),
    ).rejects.toThrow(/placements_guardian_consent_check/);
    const adultOffer = await market.offerOf(market.adult);
    await expect(
      db.query(
        `UPDATE placements SET status = 'awaiting_guardian', answered_at = now() WHERE id = $1`,
        [adultOffer.id],
      ),
    ).rejects.toThrow(/placements_awaiting_guardian_check/);
  }, 60_000);
});
