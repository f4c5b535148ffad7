import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';

const aSlotBody = (fields: Record<string, unknown> = {}) => ({
  title: 'Laborant i QC',
  focusArea: 'biotech-production',
  startsOn: '2027-02-01',
  endsOn: '2027-04-30',
  capacity: 2,
  ...fields,
});

describe('slots', () => {
  let app: INestApplication;
  let make: Factories;
  let host: { id: string; kind: string };
  let reviewer: { token: string };
  let admin: { token: string };
  let school: { id: string };
  let programme: { id: string; name: string };

  const http = () => request(app.getHttpServer());
  const slotsOf = async (organisationId: string) =>
    Number(
      (
        await app
          .get(DataSource)
          .query(`SELECT count(*) AS n FROM slots WHERE organisation_id = $1`, [organisationId])
      )[0].n,
    );

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    host = await make.anOrganisation('employer');
    reviewer = await make.aUser('reviewer', host);
    admin = await make.aUser('admin');
    school = await make.anOrganisation('school');
    programme = await make.aProgramme(school.id);
  });

  afterAll(() => app.close());

  it('lets a reviewer post a slot for their own organisation', async () => {
    const response = await http()
      .post('/api/slots')
      .set('Authorization', `Bearer ${reviewer.token}`)
      .send(aSlotBody({ programmeIds: [programme.id], skills: ['PCR'], language: 'da' }))
      .expect(201);
    expect(response.body).toMatchObject({
      organisation: { id: host.id },
      title: 'Laborant i QC',
      programmes: [{ id: programme.id, name: programme.name }],
      skills: ['PCR'],
      language: 'da',
      minAge: null,
      status: 'open',
      capacity: 2,
    });
    expect(response.body).not.toHaveProperty('organisationKind');
  });

  it('makes an admin name an employer or public organisation', async () => {
    const auth = `Bearer ${admin.token}`;
    await http().post('/api/slots').set('Authorization', auth).send(aSlotBody()).expect(400);
    const asSchool = await http()
      .post('/api/slots')
      .set('Authorization', auth)
      .send(aSlotBody({ organisationId: school.id }))
      .expect(400);
    expect(asSchool.body.message).toMatch(/organisationId/);
    await http()
      .post('/api/slots')
      .set('Authorization', auth)
      .send(aSlotBody({ organisationId: host.id }))
      .expect(201);
  });

  it.each([
    [
      'an organisationId from a reviewer',
      { organisationId: '00000000-0000-4000-8000-000000000000' },
      /property organisationId should not exist/,
    ],
    ['a capacity of 0', { capacity: 0 }, /capacity must not be less than 1/],
    ['a capacity of 1001', { capacity: 1001 }, /capacity must not be greater than 1000/],
    ['a fractional capacity', { capacity: 1.5 }, /capacity must be an integer/],
    ['a capacity sent as text', { capacity: '2' }, /capacity must be an integer/],
    ['an end before the start', { endsOn: '2027-01-01' }, /endsOn must be after startsOn/],
    ['an impossible date', { startsOn: '2027-02-30' }, /startsOn must be a date/],
    ['a date out of range', { endsOn: '3027-01-01' }, /endsOn must be a date/],
    ['an unknown focus area', { focusArea: 'mining' }, /focusArea must be one of/],
    ['a programme id that is not a uuid', { programmeIds: ['x'] }, /programmeIds/],
    [
      'an unknown programme',
      { programmeIds: ['00000000-0000-4000-8000-000000000000'] },
      /programmeIds: unknown/,
    ],
    ['a minimum age of 13', { minAge: 13 }, /minAge must not be less than 14/],
    ['a title of 201 characters', { title: 'x'.repeat(201) }, /title must be/],
    ['a description of 5001 characters', { description: 'x'.repeat(5001) }, /description must be/],
    ['an unknown field', { seatsTaken: 0 }, /property seatsTaken should not exist/],
  ])('rejects %s with 400 and stores nothing', async (_case, fields, message) => {
    const before = await slotsOf(host.id);
    const response = await http()
      .post('/api/slots')
      .set('Authorization', `Bearer ${reviewer.token}`)
      .send(aSlotBody(fields))
      .expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
    expect(await slotsOf(host.id)).toBe(before);
  });

  it('shows a student only the open slots they are eligible for, or all with reasons', async () => {
    const other = await make.anOrganisation('employer');
    const student = await make.aStudent(school, programme, {
      birthDate: '2010-06-01',
      languages: ['da'],
      availableFrom: '2027-02-01',
      availableTo: '2027-06-30',
    });
    const fits = await make.aSlot(other, { title: 'fits', programmeIds: [programme.id] });
    await make.aSlot(other, { title: 'too young', minAge: 18 });
    await make.aSlot(other, { title: 'german', language: 'de' });
    await make.aSlot(other, { title: 'later', startsOn: '2028-01-01', endsOn: '2028-02-01' });
    await make.aSlot(other, { title: 'closed', status: 'closed' });
    const auth = `Bearer ${student.token}`;

    const eligible = await http()
      .get(`/api/slots?organisationId=${other.id}`)
      .set('Authorization', auth)
      .expect(200);
    expect(eligible.body).toMatchObject({ total: 1, items: [{ id: fits.id, eligible: true }] });

    const all = await http()
      .get(`/api/slots?organisationId=${other.id}&includeIneligible=true`)
      .set('Authorization', auth)
      .expect(200);
    const reasons = Object.fromEntries(
      all.body.items.map((s: { title: string; reasons: string[] }) => [s.title, s.reasons]),
    );
    expect(reasons).toEqual({
      fits: [],
      'too young': ['minimum_age'],
      german: ['language'],
      later: ['period'],
    });
  });

  it('shows a student every change to the open slots at once, whoever made it', async () => {
    const host2 = await make.anOrganisation('employer');
    const student = await make.aStudent(school, programme);
    const slot = await make.aSlot(host2, { title: 'Procesoperatør' });
    const listed = async () =>
      (
        await http()
          .get(`/api/slots?organisationId=${host2.id}`)
          .set('Authorization', `Bearer ${student.token}`)
          .expect(200)
      ).body.items.map((s: { title: string; organisation: { name: string } }) => [
        s.title,
        s.organisation.name,
      ]);
    expect(await listed()).toEqual([['Procesoperatør', host2.name]]);

    // Straight in the database, as another api instance or a job would change them.
    const db = app.get(DataSource);
    await db.query(`UPDATE slots SET title = 'Laborant' WHERE id = $1`, [slot.id]);
    await db.query(`UPDATE organisations SET name = 'Renamed host' WHERE id = $1`, [host2.id]);
    expect(await listed()).toEqual([['Laborant', 'Renamed host']]);
    await db.query(`UPDATE slots SET status = 'closed' WHERE id = $1`, [slot.id]);
    expect(await listed()).toEqual([]);
  });

  it('shows a reviewer all statuses of their own slots, and closes a slot on DELETE', async () => {
    const own = await make.aSlot(host, { title: 'to close' });
    const auth = `Bearer ${reviewer.token}`;
    const closed = await http()
      .delete(`/api/slots/${own.id}`)
      .set('Authorization', auth)
      .expect(200);
    expect(closed.body).toMatchObject({ id: own.id, status: 'closed' });
    const list = await http()
      .get('/api/slots?status=closed&pageSize=100')
      .set('Authorization', auth)
      .expect(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(own.id);
    expect(
      list.body.items.every((s: { organisation: { id: string } }) => s.organisation.id === host.id),
    ).toBe(true);
  });

  it('checks a patch against the stored period and changes nothing on error', async () => {
    const own = await make.aSlot(host, { startsOn: '2027-02-01', endsOn: '2027-04-30' });
    const auth = `Bearer ${reviewer.token}`;
    await http()
      .patch(`/api/slots/${own.id}`)
      .set('Authorization', auth)
      .send({ endsOn: '2027-01-15' })
      .expect(400);
    await http()
      .patch(`/api/slots/${own.id}`)
      .set('Authorization', auth)
      .send({ title: 'new', organisationId: host.id })
      .expect(400);
    const unchanged = await http().get(`/api/slots/${own.id}`).set('Authorization', auth);
    expect(unchanged.body).toMatchObject({ endsOn: '2027-04-30' });
    expect(unchanged.body.title).not.toBe('new');
    const patched = await http()
      .patch(`/api/slots/${own.id}`)
      .set('Authorization', auth)
      .send({ title: 'new', programmeIds: [programme.id], language: null })
      .expect(200);
    expect(patched.body).toMatchObject({ title: 'new', programmes: [{ id: programme.id }] });
  });

  it.each([
    ['a non-uuid id', 'get', '/api/slots/not-a-uuid', 400],
    ['a page size of 101', 'get', '/api/slots?pageSize=101', 400],
    ['an unknown query parameter', 'get', '/api/slots?sort=title', 400],
    ['a non-boolean flag', 'get', '/api/slots?includeIneligible=yes', 400],
    ['a non-uuid id on PATCH', 'patch', '/api/slots/1', 400],
    ['a non-uuid id on DELETE', 'delete', '/api/slots/1', 400],
  ] as const)('rejects %s with 400', async (_case, method, url, status) => {
    await http()[method](url).set('Authorization', `Bearer ${reviewer.token}`).expect(status);
  });

  describe('CSV import', () => {
    const header =
      'title,description,focusArea,programmes,skills,language,minAge,startsOn,endsOn,capacity,site';

    it('creates every row of a valid file', async () => {
      const importer = await make.anOrganisation('public');
      const importerReviewer = await make.aUser('reviewer', importer);
      const [code] = await app
        .get(DataSource)
        .query(`SELECT code FROM programmes WHERE id = $1`, [programme.id]);
      const csv = [
        header,
        `Procesoperatør,"Skift, dag",biotech-production,${code.code},GMP;PCR,da,16,2027-02-01,2027-04-30,3,Kalundborg`,
        `Energi,,green-transition,,,,,2027-03-01,2027-05-31,1,`,
      ].join('\n');
      const response = await http()
        .post('/api/slots/import')
        .set('Authorization', `Bearer ${importerReviewer.token}`)
        .attach('file', Buffer.from(csv), 'slots.csv')
        .expect(201);
      expect(response.body.created).toHaveLength(2);
      expect(response.body.created[0]).toMatchObject({
        title: 'Procesoperatør',
        description: 'Skift, dag',
        programmes: [{ id: programme.id }],
        skills: ['GMP', 'PCR'],
        minAge: 16,
        capacity: 3,
      });
      expect(await slotsOf(importer.id)).toBe(2);
    });

    it('reads a semicolon file with programme and focus-area names as the screens show them', async () => {
      const importer = await make.anOrganisation('public');
      const importerReviewer = await make.aUser('reviewer', importer);
      const shown = await make.aProgramme(
        school.id,
        `Laboratorie- og fødevareteknolog ${Date.now()}`,
      );
      const csv = [
        header.replaceAll(',', ';'),
        `Laborant;;Biotekproduktion, procesindustri og Industri 4.0;${shown.name};;;;2027-02-01;2027-04-30;1;`,
        `Energi;;GREEN-TRANSITION;;;;;2027-03-01;2027-05-31;1;`,
      ].join('\r\n');
      // Windows-1252, as Excel in Danish saves "CSV (semikolonsepareret)": ø is one byte.
      const windows1252 = Buffer.from([...csv].map((char) => char.charCodeAt(0)));
      const response = await http()
        .post('/api/slots/import')
        .set('Authorization', `Bearer ${importerReviewer.token}`)
        .attach('file', windows1252, 'pladser.csv')
        .expect(201);
      expect(response.body.created).toEqual([
        expect.objectContaining({
          focusArea: 'biotech-production',
          programmes: [expect.objectContaining({ id: shown.id })],
        }),
        expect.objectContaining({ focusArea: 'green-transition' }),
      ]);
    });

    it('creates nothing from a file with two bad rows and names each row and field', async () => {
      const before = await slotsOf(host.id);
      const csv = [
        header,
        `Good,,biotech-production,,,,,2027-02-01,2027-04-30,1,`,
        `Bad capacity,,biotech-production,,,,,2027-02-01,2027-04-30,many,`,
        `Bad programme,,green-transition,nowhere/none,,,,2027-02-01,2027-01-01,1,`,
      ].join('\n');
      const response = await http()
        .post('/api/slots/import')
        .set('Authorization', `Bearer ${reviewer.token}`)
        .attach('file', Buffer.from(csv), 'slots.csv')
        .expect(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          // The file's lines: the header is line 1, so data row 2 is line 3.
          expect.objectContaining({
            row: 2,
            line: 3,
            field: 'capacity',
            code: expect.stringMatching(/^validation\./),
          }),
          expect.objectContaining({
            row: 3,
            line: 4,
            field: 'programmes',
            code: 'import.unknown_value',
            params: { value: 'nowhere/none' },
          }),
          expect.objectContaining({ row: 3, line: 4, field: 'endsOn', code: 'validation.isAfter' }),
        ]),
      );
      expect(response.body.errors.some((e: { row: number }) => e.row === 1)).toBe(false);
      expect(await slotsOf(host.id)).toBe(before);
    });

    it('refuses a missing file, a wrong header and a file over 1 MB', async () => {
      const auth = `Bearer ${reviewer.token}`;
      await http().post('/api/slots/import').set('Authorization', auth).expect(400);
      const wrong = await http()
        .post('/api/slots/import')
        .set('Authorization', auth)
        .attach('file', Buffer.from('name,colour\nx,y\n'), 'slots.csv')
        .expect(400);
      expect(wrong.body.message).toMatch(/missing column\(s\): title/);
      await http()
        .post('/api/slots/import')
        .set('Authorization', auth)
        .attach('file', Buffer.alloc(1024 * 1024 + 10, 'a'), 'slots.csv')
        .expect(413);
    });
  });
});
