import { INestApplication } from '@nestjs/common';
import { appendFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { setTimeout } from 'node:timers/promises';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';
import { RawRequest, sendRaw } from './harness/raw-http';
import { multipartCsv, STALL_SHAPES, StallShape } from './harness/stall-shapes';
import { baselineOf, Probed, whileProbing } from './harness/stall-probe';

/** On top of what this machine shows for harmless requests right now (see baselineOf). */
const HEALTH_ALLOWANCE_MS = 200;
const LOOP_ALLOWANCE_MS = 100;
const GROWTH = [1, 10, 100];
/** A refusal names the problem; a CSV's lists at most 100 row problems. */
const MAX_ERROR_BODY = 16 * 1024;

/**
 * Requests shaped to make the api work per key, per element or per column, at a base size and
 * 10 and 100 times that: each must be refused (400, or 413 past the body limit) with a short
 * answer, while GET /api/health sent alongside is still answered at once and the event loop is
 * never blocked for long.
 */
describe('no request stalls the api', () => {
  let app: INestApplication;
  let port: number;
  const targets: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  let baseline: { healthMaxMs: number; loopMaxMs: number };

  beforeAll(async () => {
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    const make = new Factories(app);
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host);
    const round = await make.anOpenRound([slot]);
    const student = await make.aStudent(school, programme);
    tokens.student = student.token;
    tokens.reviewer = (await make.aUser('reviewer', host)).token;
    tokens.coordinator = (await make.aUser('coordinator', school)).token;
    Object.assign(targets, { roundId: round.id, slotId: slot.id, studentId: student.studentId });
    // One-time costs (modules loaded on first use, code compiled) are not stalls: pay them first.
    for (const shape of STALL_SHAPES) await sendRaw(port, rawRequest(shape, 2));
    baseline = await baselineOf(port, () =>
      sendRaw(port, {
        method: 'POST',
        url: '/api/auth/accept-invitation',
        headers: { 'content-type': 'application/json' },
        body: '{"token":"x"}',
      }),
    );
  }, 180_000);

  afterAll(() => app?.close());

  const cases = STALL_SHAPES.flatMap((shape) =>
    GROWTH.map((factor) => [shape.name, factor, shape] as const),
  );

  it.each(cases)(
    '%s ×%i is refused without a stall',
    async (name, factor, shape) => {
      // Built before measuring: the api's work is what counts, not the test's.
      const request = rawRequest(shape, shape.base * factor);
      let probed = await whileProbing(port, () => sendRaw(port, request));
      // A busy machine may pause the process for a while; a stall of the api's own comes back
      // every time, so a case fails only when all three tries stall.
      for (let retry = 0; retry < 2 && stalledIn(probed); retry++) {
        await setTimeout(500);
        probed = await whileProbing(port, () => sendRaw(port, request));
      }
      const measured =
        `answered ${probed.response.status} in ${Math.round(probed.elapsedMs)} ms; health ` +
        `${Math.round(probed.healthMaxMs)} ms, loop blocked ${Math.round(probed.loopMaxMs)} ms ` +
        `(baseline ${Math.round(baseline.healthMaxMs)} / ${Math.round(baseline.loopMaxMs)} ms)`;
      if (process.env.STALL_REPORT) {
        appendFileSync(process.env.STALL_REPORT, `${name} ×${factor}: ${measured}\n`);
      }
      expect({ stalled: stalledIn(probed), measured }).toEqual({ stalled: false, measured });
      expect([400, 413]).toContain(probed.response.status);
      expect(probed.response.text.length).toBeLessThan(MAX_ERROR_BODY);
      expect(JSON.parse(probed.response.text)).toMatchObject({
        statusCode: probed.response.status,
        message: expect.anything(),
      });
    },
    60_000,
  );

  function stalledIn(probed: Probed): boolean {
    return (
      probed.healthMaxMs > baseline.healthMaxMs + HEALTH_ALLOWANCE_MS ||
      probed.loopMaxMs > baseline.loopMaxMs + LOOP_ALLOWANCE_MS
    );
  }

  function rawRequest(shape: StallShape, size: number): RawRequest {
    const request = shape.request(size, targets);
    const headers: Record<string, string> = {};
    if (shape.caller) headers.authorization = `Bearer ${tokens[shape.caller]}`;
    if (request.csv === undefined) {
      headers['content-type'] = 'application/json';
      return { method: request.method, url: request.url, headers, body: request.json };
    }
    const upload = multipartCsv(request.csv);
    headers['content-type'] = upload.contentType;
    return { method: request.method, url: request.url, headers, body: upload.body };
  }
});
