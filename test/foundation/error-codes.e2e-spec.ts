import { ERROR_CODES } from '@app/errors';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';

const CODE = /^(validation\.[A-Za-z]+|[a-z_]+(\.[a-z_]+)?)$/;

/** Every refusal names a stable code (and the field at fault) for the client to word. */
describe('api errors carry a code and the field', () => {
  let app: INestApplication;
  let make: Factories;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
  });

  afterAll(() => app.close());

  it('names each field of a refused body with the rule it broke', async () => {
    const response = await http()
      .post('/api/auth/login')
      .send({ email: 'not an address', password: 'x', extra: 1 })
      .expect(400);
    expect(response.body).toMatchObject({ code: 'validation.failed' });
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'email', code: 'validation.isEmail' }),
        expect.objectContaining({ field: 'extra', code: 'validation.whitelistValidation' }),
      ]),
    );
    // The English texts stay in `message`, as Nest gives them, for developers.
    expect(response.body.message).toEqual(expect.arrayContaining(['email must be an email']));
  });

  it('words a slot whose end is before its start as a code and a field, not a sentence', async () => {
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const slot = await make.aSlot(host);
    const response = await http()
      .patch(`/api/slots/${slot.id}`)
      .set('Authorization', `Bearer ${reviewer.token}`)
      .send({ startsOn: '2027-05-01', endsOn: '2027-04-01' })
      .expect(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'endsOn', code: 'validation.isAfter' }),
    ]);
    // Only the end sent: the service compares it with the stored start.
    const endOnly = await http()
      .patch(`/api/slots/${slot.id}`)
      .set('Authorization', `Bearer ${reviewer.token}`)
      .send({ endsOn: '2020-01-01' })
      .expect(400);
    expect(endOnly.body).toMatchObject({ code: 'slot.period_order', field: 'endsOn' });
  });

  it('gives the guards, the throttler and an unknown route a code too', async () => {
    const unsigned = await http().get('/api/me').expect(401);
    expect(unsigned.body.code).toBe('auth.sign_in_required');
    const school = await make.anOrganisation('school');
    const student = await make.aStudent(school, await make.aProgramme(school.id));
    const forbidden = await http()
      .get('/api/admin/users')
      .set('Authorization', `Bearer ${student.token}`)
      .expect(403);
    expect(forbidden.body.code).toBe('auth.role_forbidden');
    const missing = await http().get('/api/no-such-route').expect(404);
    expect(missing.body.code).toBe('not_found');
  });

  it('lists only codes the catalogue has', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(CODE);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
