import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

const CPR = '170508-1234';

describe('data minimisation', () => {
  let app: INestApplication;
  let make: Factories;
  let school: { id: string; kind: string };
  let programme: { id: string; name: string };
  let coordinator: ReturnType<typeof as>;
  let admin: ReturnType<typeof as>;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    school = await make.anOrganisation('school');
    programme = await make.aProgramme(school.id);
    coordinator = as(app, (await make.aUser('coordinator', school)).token);
    admin = as(app, (await make.aUser('admin')).token);
  });

  afterAll(() => app.close());

  const newStudent = (fields: Record<string, unknown>) => ({
    email: `cpr-${Date.now()}-${Math.random()}@test.example`,
    fullName: 'Freja Nielsen',
    programmeId: programme.id,
    birthDate: '2008-05-17',
    availableFrom: '2027-02-01',
    availableTo: '2027-06-30',
    ...fields,
  });

  describe('CPR numbers', () => {
    it.each([
      ['fullName', { fullName: `Freja ${CPR}` }],
      ['motivation', { motivation: `Mit cpr-nummer er ${CPR.replace('-', '')}` }],
      ['skills', { skills: ['PCR', CPR] }],
    ])('refuses a new student with one in %s, naming the field', async (field, fields) => {
      const response = await coordinator.post('/api/students', newStudent(fields)).expect(400);
      expect(response.body.message).toEqual([`${field} must not contain a CPR number`]);
    });

    it('refuses one in a change of the profile and in a roster row', async () => {
      const student = await make.aStudent(school, programme);
      const own = await as(app, student.token)
        .patch(`/api/students/${student.studentId}`, { motivation: `cpr ${CPR}` })
        .expect(400);
      expect(own.body.message).toEqual(['motivation must not contain a CPR number']);
      const csv = [
        'name,email,programme,birthDate,availableFrom,availableTo',
        `Anna ${CPR},anna-${Date.now()}@test.example,${programme.name},2008-05-17,2027-02-01,2027-06-30`,
      ].join('\n');
      const { token } = await make.aUser('coordinator', school);
      const imported = await as(app, token)
        .post('/api/students/import')
        .attach('file', Buffer.from(csv), 'roster.csv')
        .expect(400);
      expect(imported.body.errors).toEqual([
        expect.objectContaining({ row: 1, field: 'name', message: expect.stringMatching(/CPR/) }),
      ]);
    });

    it('refuses one in the texts of a slot and in a staff name', async () => {
      const host = await make.anOrganisation('employer');
      const reviewer = as(app, (await make.aUser('reviewer', host)).token);
      const slot = await reviewer
        .post('/api/slots', {
          title: 'Laborant',
          description: `Kontakt Jens, ${CPR}`,
          focusArea: 'biotech-production',
          startsOn: '2027-02-01',
          endsOn: '2027-04-30',
          capacity: 1,
        })
        .expect(400);
      expect(slot.body.message).toEqual(['description must not contain a CPR number']);
      const staff = await admin
        .post('/api/admin/users', {
          email: `staff-${Date.now()}@test.example`,
          displayName: `Jens ${CPR}`,
          role: 'admin',
        })
        .expect(400);
      expect(staff.body.message).toEqual(['displayName must not contain a CPR number']);
    });

    it('is refused by the database too, whatever the way in', async () => {
      const student = await make.aStudent(school, programme);
      const db = app.get(DataSource);
      await expect(
        db.query(`UPDATE students SET motivation = $2 WHERE id = $1`, [student.studentId, CPR]),
      ).rejects.toThrow(/students_no_cpr_check/);
      await expect(
        db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [student.id, '0101901234']),
      ).rejects.toThrow(/users_no_cpr_check/);
      // A ten-digit number that is no date of birth stays allowed.
      await db.query(`UPDATE students SET motivation = $2 WHERE id = $1`, [
        student.studentId,
        'Ordrenummer 3213001234',
      ]);
    });
  });

  describe('what a reviewer sees', () => {
    it('shows applicants without birth date or contact details, with meetsMinimumAge for the slot', async () => {
      const host = await make.anOrganisation('employer');
      const reviewer = await make.aUser('reviewer', host);
      const slot = await make.aSlot(host, {
        startsOn: '2027-02-01',
        endsOn: '2027-04-30',
        minAge: 18,
      });
      const young = await make.aStudent(school, programme, { birthDate: '2010-03-01' });
      const adult = await make.aStudent(school, programme, { birthDate: '2004-05-17' });
      const round = await admin
        .post('/api/rounds', {
          name: 'Minimisation',
          preferencesCloseAt: new Date(Date.now() + 3600_000),
        })
        .expect(201);
      await admin.post(`/api/rounds/${round.body.id}/open`).expect(200);
      await as(app, adult.token)
        .put(`/api/rounds/${round.body.id}/preferences`, { slotIds: [slot.id] })
        .expect(200);
      // The young student could not rank it (too young); a list written past the api can.
      await app
        .get(DataSource)
        .query(
          `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
          [round.body.id, young.studentId, slot.id],
        );
      // The host cannot move the age terms while the round runs.
      await expect(
        app.get(DataSource).query(`UPDATE slots SET min_age = 16 WHERE id = $1`, [slot.id]),
      ).rejects.toThrow(/fixed/);

      const applicants = await as(app, reviewer.token)
        .get(`/api/rounds/${round.body.id}/slots/${slot.id}/applicants`)
        .expect(200);
      const byId = new Map(
        applicants.body.items.map((a: { studentId: string }) => [a.studentId, a]),
      );
      expect(byId.get(young.studentId)).toMatchObject({ meetsMinimumAge: false });
      expect(byId.get(adult.studentId)).toMatchObject({ meetsMinimumAge: true });
      for (const applicant of applicants.body.items) {
        expect(Object.keys(applicant)).not.toEqual(
          expect.arrayContaining([expect.stringMatching(/birth|email|phone|userId/i)]),
        );
      }

      const profile = await as(app, reviewer.token)
        .get(`/api/students/${adult.studentId}`)
        .expect(200);
      expect(profile.body).not.toHaveProperty('birthDate');
      expect(profile.body).not.toHaveProperty('email');
    });

    it('lets a coordinator see only the own school', async () => {
      const otherSchool = await make.anOrganisation('school');
      const stranger = await make.aStudent(otherSchool, await make.aProgramme(otherSchool.id));
      await coordinator.get(`/api/students/${stranger.studentId}`).expect(404);
      const list = await coordinator.get('/api/students?pageSize=100').expect(200);
      expect(
        list.body.items.every((s: { school: { id: string } }) => s.school.id === school.id),
      ).toBe(true);
    });
  });
});
