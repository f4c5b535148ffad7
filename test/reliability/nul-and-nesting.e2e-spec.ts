import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';
import { usePrivateDatabase } from './harness/private-database';
import { RawRequest, sendRaw } from './harness/raw-http';
import { deepNesting, multipartCsv } from './harness/stall-shapes';
import { TableChecksum } from './harness/table-checksum';

const NUL = '\u0000';
const ROSTER = 'name,email,programme,birthDate,availableFrom,availableTo';
const SLOTS = 'title,focusArea,startsOn,endsOn,capacity';

/**
 * PostgreSQL cannot store a NUL character in text, and a body nested thousands of levels deep
 * once overflowed the validator: both answered 500. Every way in (JSON bodies and keys, form
 * bodies, query strings, path parameters, CSV cells, multipart fields) must answer 400 with a
 * message and change nothing.
 */
describe('NUL characters and deep nesting are refused at every door', () => {
  let app: INestApplication;
  let port: number;
  let dropDatabase: () => Promise<void>;
  let checksum: TableChecksum;
  const tokens: Record<string, string> = {};
  let studentId: string;

  beforeAll(async () => {
    dropDatabase = await usePrivateDatabase('nul');
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    const make = new Factories(app);
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const student = await make.aStudent(school, programme);
    studentId = student.studentId!;
    tokens.student = student.token;
    tokens.coordinator = (await make.aUser('coordinator', school)).token;
    tokens.reviewer = (await make.aUser('reviewer', host)).token;
    tokens.admin = (await make.aUser('admin')).token;
    checksum = await TableChecksum.of(app.get(DataSource));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await dropDatabase?.();
  });

  const json = (method: string, url: string, body: string) => ({
    method,
    url,
    contentType: 'application/json',
    body,
  });
  const csv = (url: string, text: string) => {
    const upload = multipartCsv(text);
    return { method: 'POST', url, contentType: upload.contentType, body: upload.body };
  };
  const slot = (title: string) =>
    JSON.stringify({
      title,
      focusArea: 'biotech-production',
      startsOn: '2027-02-01',
      endsOn: '2027-03-01',
      capacity: 1,
    });

  type Case = [string, string, () => Omit<RawRequest, 'headers'> & { contentType?: string }];
  const cases: Case[] = [
    [
      'a student PATCH of a name',
      'coordinator',
      () => json('PATCH', `/api/students/${studentId}`, JSON.stringify({ fullName: `A${NUL}B` })),
    ],
    [
      'a student PATCH of their motivation',
      'student',
      () => json('PATCH', `/api/students/${studentId}`, JSON.stringify({ motivation: NUL })),
    ],
    ['a slot POST', 'reviewer', () => json('POST', '/api/slots', slot(`Lab${NUL}`))],
    [
      'a round POST',
      'admin',
      () =>
        json(
          'POST',
          '/api/rounds',
          JSON.stringify({ name: `R${NUL}`, preferencesCloseAt: '2027-01-01T00:00:00Z' }),
        ),
    ],
    [
      'a NUL in a JSON key',
      'reviewer',
      () => json('POST', '/api/slots', `{"title${NUL}":"x"}`.replace(NUL, '\\u0000')),
    ],
    [
      'a form body',
      'reviewer',
      () => ({
        method: 'POST',
        url: '/api/slots',
        contentType: 'application/x-www-form-urlencoded',
        body: 'title=Lab%00&focusArea=biotech-production',
      }),
    ],
    ['a student search', 'coordinator', () => ({ method: 'GET', url: '/api/students?q=a%00b' })],
    ['an account search', 'admin', () => ({ method: 'GET', url: '/api/admin/users?q=%00' })],
    ['a path parameter', 'admin', () => ({ method: 'GET', url: '/api/students/%00' })],
    [
      'a CSV roster cell',
      'coordinator',
      () =>
        csv(
          '/api/students/import',
          `${ROSTER}\nA${NUL}B,a@test.example,p,2008-01-01,2027-02-01,2027-06-30\n`,
        ),
    ],
    [
      'a CSV slot cell',
      'reviewer',
      () =>
        csv(
          '/api/slots/import',
          `${SLOTS}\nLab${NUL},biotech-production,2027-02-01,2027-03-01,1\n`,
        ),
    ],
    [
      'a multipart text field',
      'coordinator',
      () => {
        const boundary = 'nulboundary';
        return {
          method: 'POST',
          url: '/api/students/import',
          contentType: `multipart/form-data; boundary=${boundary}`,
          body: [
            `--${boundary}`,
            'Content-Disposition: form-data; name="schoolId"',
            '',
            NUL,
            `--${boundary}`,
            'Content-Disposition: form-data; name="file"; filename="r.csv"',
            'Content-Type: text/csv',
            '',
            `${ROSTER}\n`,
            `--${boundary}--`,
            '',
          ].join('\r\n'),
        };
      },
    ],
    [
      'a sign-in nested 2,000 levels deep',
      'anonymous',
      () => json('POST', '/api/auth/login', deepNesting(2000)),
    ],
    [
      'arrays nested 2,000 levels deep',
      'anonymous',
      () => json('POST', '/api/auth/login', `${'['.repeat(2000)}${']'.repeat(2000)}`),
    ],
    [
      'a slot nested 2,000 levels deep',
      'reviewer',
      () => json('POST', '/api/slots', `{"title":${deepNesting(2000)}}`),
    ],
  ];

  it.each(cases)('answers 400 to %s and changes nothing', async (_case, caller, build) => {
    const { contentType, ...request } = build();
    const headers: Record<string, string> = {};
    if (caller !== 'anonymous') headers.authorization = `Bearer ${tokens[caller]}`;
    if (contentType) headers['content-type'] = contentType;
    const before = await checksum.take();
    const response = await sendRaw(port, { ...request, headers });
    expect({ status: response.status, text: response.text.slice(0, 300) }).toEqual({
      status: 400,
      text: expect.any(String),
    });
    expect(JSON.parse(response.text)).toMatchObject({
      statusCode: 400,
      message: expect.anything(),
    });
    expect(response.text.length).toBeLessThan(2048);
    expect(TableChecksum.changed(before, await checksum.take())).toEqual([]);
  });
});
