import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

/**
 * The web app's types of these responses are generated from the OpenAPI document, so the
 * document must say what the api really sends: every required field present, no field it does
 * not name, each of the type, enum and nullability it gives.
 */
interface Schema {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  $ref?: string;
}

interface Document {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { schemas: Record<string, Schema> };
}

interface ResponseObject {
  content?: { 'application/json'?: { schema: Schema } };
}

function resolve(schema: Schema, doc: Document): Schema {
  if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!], doc);
  if (schema.allOf?.length === 1) return { ...resolve(schema.allOf[0], doc), ...schema, allOf: [] };
  return schema;
}

/** Where `value` departs from `schema`, as readable paths; empty when it conforms. */
function departures(value: unknown, raw: Schema, doc: Document, at = '$'): string[] {
  const schema = resolve(raw, doc);
  if (value === null) return schema.nullable ? [] : [`${at} is null`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at} = ${String(value)} not in enum`];
  switch (schema.type) {
    case 'array':
      if (!Array.isArray(value)) return [`${at} is not an array`];
      return value.flatMap((item, i) => departures(item, schema.items ?? {}, doc, `${at}[${i}]`));
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at} is not an object`];
      const record = value as Record<string, unknown>;
      const properties = schema.properties ?? {};
      return [
        ...(schema.required ?? [])
          .filter((key) => !(key in record))
          .map((key) => `${at}.${key} is missing`),
        ...Object.keys(record)
          .filter((key) => !(key in properties))
          .map((key) => `${at}.${key} is not in the document`),
        ...Object.entries(record)
          .filter(([key]) => key in properties)
          .flatMap(([key, item]) => departures(item, properties[key], doc, `${at}.${key}`)),
      ];
    }
    case 'number':
    case 'integer':
      return typeof value === 'number' ? [] : [`${at} is not a number`];
    case 'string':
    case 'boolean':
      return typeof value === schema.type ? [] : [`${at} is not a ${schema.type}`];
    default:
      return [];
  }
}

describe('the OpenAPI document describes the responses the web app reads', () => {
  let app: INestApplication;
  let doc: Document;

  beforeAll(async () => {
    app = await startApi();
    doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
  });

  afterAll(() => app.close());

  function schemaOf(method: string, path: string, status: number): Schema {
    const schema = doc.paths[path]?.[method]?.responses[status]?.content?.['application/json'];
    if (!schema) throw new Error(`${method.toUpperCase()} ${path} ${status} has no schema`);
    return schema.schema;
  }

  it('for slots, rounds, preferences, programmes, students and results', async () => {
    const make = new Factories(app);
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const reviewer = as(app, (await make.aUser('reviewer', host)).token);
    const coordinator = as(app, (await make.aUser('coordinator', school)).token);
    const admin = as(app, (await make.aUser('admin')).token);
    const studentUser = await make.aStudent(school, programme, { birthDate: '2010-01-01' });
    const student = as(app, studentUser.token);
    await make.aSlot(host, { programmeIds: [programme.id], language: 'en', minAge: 18 });
    const posted = await reviewer
      .post('/api/slots', {
        title: 'Dokumenteret plads',
        focusArea: 'green-transition',
        startsOn: '2027-02-01',
        endsOn: '2027-03-31',
        capacity: 2,
        programmeIds: [programme.id],
      })
      .expect(201);
    const round = await admin
      .post('/api/rounds', {
        name: 'Dokumentet',
        preferencesCloseAt: new Date(Date.now() + 3600_000),
      })
      .expect(201);
    // An open round made directly: opening one through the api announces it to every student.
    const roundId = (await make.anOpenRound([{ id: posted.body.id, seats: 2 }])).id;
    const ranked = await student
      .put(`/api/rounds/${roundId}/preferences`, { slotIds: [posted.body.id] })
      .expect(200);

    const calls: [string, string, number, () => Promise<unknown>][] = [
      ['post', '/api/slots', 201, async () => posted.body],
      ['post', '/api/rounds', 201, async () => round.body],
      ['put', '/api/rounds/{id}/preferences', 200, async () => ranked.body],
      ...(
        [
          [student, '/api/slots', '/api/slots?includeIneligible=true&pageSize=100'],
          [reviewer, '/api/slots/{id}', `/api/slots/${posted.body.id}`],
          [reviewer, '/api/programmes', `/api/programmes?schoolId=${school.id}`],
          [admin, '/api/rounds', '/api/rounds?pageSize=5'],
          [student, '/api/rounds/{id}', `/api/rounds/${roundId}`],
          [student, '/api/rounds/{id}/preferences', `/api/rounds/${roundId}/preferences`],
          [student, '/api/rounds/{id}/slots', `/api/rounds/${roundId}/slots?pageSize=100`],
          [coordinator, '/api/rounds/{id}/students', `/api/rounds/${roundId}/students`],
          [coordinator, '/api/rounds/{id}/results', `/api/rounds/${roundId}/results`],
          [coordinator, '/api/students', '/api/students'],
        ] as const
      ).map(
        ([client, path, url]) =>
          ['get', path, 200, async () => (await client.get(url).expect(200)).body] as [
            string,
            string,
            number,
            () => Promise<unknown>,
          ],
      ),
    ];
    calls.push([
      'post',
      '/api/rounds/{id}/close',
      200,
      async () => (await admin.post(`/api/rounds/${roundId}/close`).expect(200)).body,
    ]);
    const problems: string[] = [];
    for (const [method, path, status, body] of calls) {
      const found = departures(await body(), schemaOf(method, path, status), doc);
      problems.push(...found.map((p) => `${method.toUpperCase()} ${path}: ${p}`));
    }
    expect(problems).toEqual([]);
  });
});
