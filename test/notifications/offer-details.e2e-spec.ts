import { PlacementsService } from '@app/placements';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { SmtpSink } from '../../scripts/smtp-sink';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';
import {
  eventually,
  isolateEnvironment,
  mailsTo,
  outboxRows,
  startSink,
  startWorker,
} from './notifications-harness';

// A database of its own, the api and the worker, and a whole round: slow on a loaded machine.
jest.setTimeout(120_000);

const CONTACT = {
  contactName: 'Mette Holm',
  contactEmail: 'mette.holm@example.dk',
  contactPhone: '+45 59 53 00 00',
};

describe('an offer with its period, place and contact, and e-mail settings', () => {
  let restore: () => Promise<void>;
  let sink: SmtpSink;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;

  beforeAll(async () => {
    restore = await isolateEnvironment();
    ({ sink } = await startSink());
    api = await startApi();
    worker = await startWorker();
    make = new Factories(api);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await restore?.();
  });

  const mailOf = (address: string, subject: string) =>
    eventually(async () => {
      const mails = await mailsTo(sink, address);
      return mails.find((mail) => mail.subject === subject);
    }, 60_000);

  const inbox = async (token: string) =>
    (await as(api, token).get('/api/me/notifications?pageSize=50').expect(200)).body as {
      items: { event: string; title: string; body: string; link: string | null }[];
    };

  const messageOf = (token: string, event: string) =>
    eventually(async () => (await inbox(token)).items.find((item) => item.event === event), 60_000);

  it('refuses turning off offers or deadlines, with a code, and changes nothing', async () => {
    const school = await make.anOrganisation('school');
    const student = await make.aStudent(school, await make.aProgramme(school.id));
    const client = as(api, student.token);

    const initial = await client.get('/api/me/email-settings').expect(200);
    expect(initial.body.topics).toContainEqual({ topic: 'rounds', email: true, optional: true });
    expect(initial.body.topics).toContainEqual({ topic: 'offers', email: true, optional: false });

    for (const topic of ['offers', 'deadlines', 'account']) {
      const refused = await client
        .put('/api/me/email-settings', {
          topics: [
            { topic: 'reports', email: false },
            { topic, email: false },
          ],
        })
        .expect(400);
      expect(refused.body).toMatchObject({ code: 'notification.email_required' });
    }
    await client
      .put('/api/me/email-settings', { topics: [{ topic: 'news', email: false }] })
      .expect(400);
    await client.put('/api/me/email-settings', { topics: [] }).expect(400);
    const after = await client.get('/api/me/email-settings').expect(200);
    expect(after.body).toEqual(initial.body); // the refused requests changed nothing

    const changed = await client
      .put('/api/me/email-settings', { topics: [{ topic: 'reminders', email: false }] })
      .expect(200);
    expect(changed.body.topics).toContainEqual({
      topic: 'reminders',
      email: false,
      optional: true,
    });
    await client
      .put('/api/me/email-settings', { topics: [{ topic: 'reminders', email: true }] })
      .expect(200);
    const back = await client.get('/api/me/email-settings').expect(200);
    expect(back.body).toEqual(initial.body);
  });

  it('tells the student the period, place, contact and next steps, with a calendar file', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    // 16 on the slot's first day, 1 February 2027: a guardian must consent.
    const minor = await make.aStudent(school, programme, { birthDate: '2010-06-01' });
    const adult = await make.aStudent(school, programme, { birthDate: '2003-03-03' });
    const host = await make.anOrganisation('employer', 'Novozymes');
    const reviewer = as(api, (await make.aUser('reviewer', host)).token);
    const admin = as(api, (await make.aUser('admin')).token);

    // The minor wants no e-mails about rounds: round.opened reaches them in the app only.
    await as(api, minor.token)
      .put('/api/me/email-settings', { topics: [{ topic: 'rounds', email: false }] })
      .expect(200);

    const base = {
      title: 'Laborant i QC-laboratoriet',
      focusArea: 'biotech-production',
      startsOn: '2027-02-01',
      endsOn: '2027-04-30',
      capacity: 2,
      site: 'Hallas Allé 1, 4400 Kalundborg',
    };
    await reviewer.post('/api/slots', { ...base, contactEmail: 'not an address' }).expect(400);
    await reviewer.post('/api/slots', { ...base, contactName: 'x'.repeat(201) }).expect(400);
    await reviewer.post('/api/slots', { ...base, contactPhone: 'call me' }).expect(400);
    const slot = (await reviewer.post('/api/slots', { ...base, ...CONTACT }).expect(201)).body;
    expect(slot.contact).toEqual({
      name: CONTACT.contactName,
      email: CONTACT.contactEmail,
      phone: CONTACT.contactPhone,
    });

    const round = await admin
      .post('/api/rounds', {
        name: 'Forår 2027',
        preferencesCloseAt: new Date(Date.now() + 3600_000),
      })
      .expect(201);
    const roundId = round.body.id as string;
    await admin.post(`/api/rounds/${roundId}/open`).expect(200);

    // Turned off: the in-app message arrives, the e-mail is never written, let alone sent.
    await mailOf(adult.email, 'Matchrunden Forår 2027 er åben');
    const opened = await messageOf(minor.token, 'round.opened');
    expect(opened.body).not.toMatch(/https?:\/\//);
    const minorRows = await outboxRows(api, minor.id);
    expect(minorRows.map((row) => row.channel)).toEqual(['in_app']);
    expect(await mailsTo(sink, minor.email)).toEqual([]);

    for (const student of [minor, adult]) {
      await as(api, student.token)
        .put(`/api/rounds/${roundId}/preferences`, { slotIds: [slot.id] })
        .expect(200);
    }
    await admin.post(`/api/rounds/${roundId}/close`).expect(200);
    await admin.post(`/api/rounds/${roundId}/run`).expect(202);
    await eventually(async () => {
      const status = (await admin.get(`/api/rounds/${roundId}`).expect(200)).body.status;
      return status === 'matched' || undefined;
    }, 60_000);
    await admin.post(`/api/rounds/${roundId}/publish`).expect(200);

    const mail = await mailOf(minor.email, 'Du har fået tilbud om en praktikplads');
    expect(mail.text).toContain('Periode: 1. februar 2027 til 30. april 2027');
    expect(mail.text).toContain('Sted: Hallas Allé 1, 4400 Kalundborg');
    expect(mail.text).toContain(
      'Kontaktperson: Mette Holm (mette.holm@example.dk, +45 59 53 00 00)',
    );
    expect(mail.text).toContain('Hvad sker der nu');
    expect(mail.text).toContain('forælder eller værge skal give samtykke');
    expect(mail.html).toContain('Sted: Hallas Allé 1, 4400 Kalundborg');
    expectCalendar(mail);

    const adultMail = await mailOf(adult.email, 'Du har fået tilbud om en praktikplads');
    expect(adultMail.text).toContain('Periode: 1. februar 2027 til 30. april 2027');
    expect(adultMail.text).not.toContain('værge');

    // In the app: a short text, no address in it; the link is the message's own.
    const offer = await messageOf(minor.token, 'offer.made');
    expect(offer.body).toContain('Laborant i QC-laboratoriet hos Novozymes');
    expect(offer.body).not.toMatch(/https?:\/\//);
    expect(offer.body.length).toBeLessThan(200);
    expect(offer.link).toMatch(/\/placements\/[0-9a-f-]{36}$/);

    // The student's own screen reads the same place and contact.
    const placements = await as(api, minor.token)
      .get(`/api/placements?roundId=${roundId}`)
      .expect(200);
    expect(placements.body.items[0]).toMatchObject({
      needsGuardianConsent: true,
      slot: {
        startsOn: '2027-02-01',
        endsOn: '2027-04-30',
        site: 'Hallas Allé 1, 4400 Kalundborg',
        contact: { name: 'Mette Holm', email: 'mette.holm@example.dk', phone: '+45 59 53 00 00' },
      },
    });
    // The reminder before the deadline says it all again, from the same texts.
    await api.get(PlacementsService).remindDue(roundId);
    const reminder = await mailOf(minor.email, 'Husk at svare på dit tilbud');
    for (const line of [
      'Periode: 1. februar 2027 til 30. april 2027',
      'Sted: Hallas Allé 1, 4400 Kalundborg',
      'Kontaktperson: Mette Holm (mette.holm@example.dk, +45 59 53 00 00)',
      'Hvad sker der nu',
      'forælder eller værge skal give samtykke',
    ]) {
      expect(reminder.text).toContain(line);
      expect(reminder.html).toContain(line);
    }
    expectCalendar(reminder);
    const adultReminder = await mailOf(adult.email, 'Husk at svare på dit tilbud');
    expect(adultReminder.text).toContain('Kontaktperson: Mette Holm');
    expect(adultReminder.text).not.toContain('værge');

    const db = api.get(DataSource);
    const [payload] = await db.query(
      `SELECT payload FROM outbox WHERE recipient_user_id = $1 AND event = 'offer.made' LIMIT 1`,
      [minor.id],
    );
    // The contact's name is read when the e-mail is sent, never kept in the outbox.
    expect(JSON.stringify(payload)).not.toContain('Mette');
  });
});

/** The attached period: RFC 5545, CRLF lines, an all-day event ending the day after. */
function expectCalendar(mail: ParsedMail) {
  const file = mail.attachments.find((a) => a.contentType === 'text/calendar');
  expect(file).toBeDefined();
  const text = file!.content.toString('utf8');
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = text.split('\r\n');
  expect(lines).toContain('DTSTART;VALUE=DATE:20270201');
  expect(lines).toContain('DTEND;VALUE=DATE:20270501');
  expect(lines.some((line) => /^UID:offer-[0-9a-f-]{36}@biotekbyen\.dk$/.test(line))).toBe(true);
  expect(lines.some((line) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(line))).toBe(true);
  expect(lines).toContain('LOCATION:Hallas Allé 1\\, 4400 Kalundborg');
  // What the period is and whom to ask, in the offer and in a reminder alike.
  const description = lines.findIndex((line) => line.startsWith('DESCRIPTION:'));
  const unfolded = [lines[description], ...lines.slice(description + 1)]
    .join('\n')
    .replace(/\n /g, '')
    .split('\n')[0];
  expect(unfolded).toBe(
    'DESCRIPTION:Praktik. Kontakt: Mette Holm (mette.holm@example.dk\\, +45 59 53 00 00).',
  );
}
