import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { startApi } from '../../support/test-app';
import { FuzzRequest, requestFor } from './fuzz-requests';
import { Operation, operationsOf } from './openapi-operations';
import { usePrivateDatabase } from './private-database';
import { sendRaw } from './raw-http';
import { aSizedWorld } from './sized-world';
import { TableChecksum } from './table-checksum';

const CALLERS = ['admin', 'coordinator', 'reviewer', 'student', 'anonymous', 'forged'] as const;
type Caller = (typeof CALLERS)[number];
const MAX_REPORTED = 25;
/**
 * An answer that held the event loop (shared by the api and this client) this long is a stall.
 * Generous, so a loaded machine does not fail the run; the quadratic checks it guards against
 * took seconds on the shapes the fuzzer draws.
 */
const STALL_MS = 1000;

export interface FuzzReport {
  sent: number;
  byStatus: Record<number, number>;
  /**
   * Per operation ("GET /api/students/{id}"): the requests sent for it, those its route took
   * (matched by the api's router, so a guard, a pipe or the handler answered), and the answers.
   */
  byOperation: Record<string, { sent: number; reached: number; statuses: Record<number, number> }>;
  failures: string[];
}

/** The request the api's router matched to a route: Express names the route's path. */
type RoutedRequest = IncomingMessage & { route?: { path?: unknown } };

/**
 * Requests drawn with fast-check from the api's own OpenAPI document, for every operation and
 * every caller, against a database of this campaign's own. No answer may be a 5xx or hold the
 * event loop for long, and an answer of 4xx must leave every table exactly as it was.
 */
export class FuzzCampaign {
  private constructor(
    private readonly app: INestApplication,
    private readonly port: number,
    private readonly operations: Operation[],
    private readonly ids: fc.Arbitrary<string>,
    private readonly headers: Record<Caller, Record<string, string>>,
    private readonly cleanUp: () => Promise<void>,
    private readonly routes: { last: string | null },
  ) {}

  static async start(): Promise<FuzzCampaign> {
    const dropDatabase = await usePrivateDatabase('fz');
    const savedPrefix = process.env.REDIS_PREFIX;
    process.env.REDIS_PREFIX = `${savedPrefix}-fuzz`; // no other file's worker takes its jobs
    const app = await startApi();
    const cleanUp = async () => {
      await app.close();
      process.env.REDIS_PREFIX = savedPrefix;
      await dropDatabase();
    };
    try {
      await app.listen(0, '127.0.0.1');
      const port = (app.getHttpServer().address() as AddressInfo).port;
      const own = await aSizedWorld(app, 3);
      await aSizedWorld(app, 3); // another tenant, whose ids the callers may try
      const document = JSON.parse(
        (await sendRaw(port, { method: 'GET', url: '/docs-json', headers: {} })).text,
      );
      const headers = Object.fromEntries(
        CALLERS.map((caller) => [
          caller,
          authorisation(caller, own.tokens as Record<string, string>),
        ]),
      ) as Record<Caller, Record<string, string>>;
      const ids = fc.constantFrom(...(await knownIds(app.get(DataSource))));
      // Which route answered each request, as the server saw it (requests go one at a time).
      const routes = { last: null as string | null };
      (app.getHttpServer() as Server).on('request', (req: RoutedRequest, res: ServerResponse) => {
        res.on('finish', () => {
          const path = req.route?.path;
          routes.last = typeof path === 'string' ? `${req.method} ${path}` : null;
        });
      });
      return new FuzzCampaign(app, port, operationsOf(document), ids, headers, cleanUp, routes);
    } catch (error) {
      await cleanUp();
      throw error;
    }
  }

  stop(): Promise<void> {
    return this.cleanUp();
  }

  get operationCount(): number {
    return this.operations.length;
  }

  /** Every operation is sent by each caller in turn: this many requests make one round. */
  get callerCount(): number {
    return CALLERS.length;
  }

  /**
   * Sends `requests` requests (or fewer if `timeBudgetMs` runs out, but never fewer than
   * `minRequests`: a loaded machine is slow, not wrong), round-robin over operations and callers.
   */
  async run({
    requests,
    seed,
    timeBudgetMs,
    minRequests = 0,
  }: {
    requests: number;
    seed: number;
    timeBudgetMs: number;
    minRequests?: number;
  }) {
    const report: FuzzReport = {
      sent: 0,
      byStatus: {},
      byOperation: Object.fromEntries(
        this.operations.map((operation) => [
          operationKey(operation),
          { sent: 0, reached: 0, statuses: {} },
        ]),
      ),
      failures: [],
    };
    const checksum = await TableChecksum.of(this.app.get(DataSource));
    const perOperation = Math.ceil(requests / this.operations.length);
    const drawn = this.operations.map((operation, i) =>
      fc.sample(requestFor(operation, this.ids), { numRuns: perOperation, seed: seed + i }),
    );
    const deadline = Date.now() + timeBudgetMs;
    let before = await checksum.take();
    let previous = 'none';
    for (let i = 0; i < requests && (i < minRequests || Date.now() < deadline); i++) {
      const operation = this.operations[i % this.operations.length];
      const request = drawn[i % this.operations.length][Math.floor(i / this.operations.length)];
      const caller = CALLERS[Math.floor(i / this.operations.length) % CALLERS.length];
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      this.routes.last = null;
      const outcome = await this.send(request, caller);
      loop.disable();
      const after = await checksum.take();
      report.sent++;
      report.byStatus[outcome.status] = (report.byStatus[outcome.status] ?? 0) + 1;
      const counts = report.byOperation[operationKey(operation)];
      counts.sent++;
      counts.statuses[outcome.status] = (counts.statuses[outcome.status] ?? 0) + 1;
      if (this.routes.last === routeKey(operation)) counts.reached++;
      const problem = judge(outcome.status, TableChecksum.changed(before, after), loop.max / 1e6);
      if (problem && report.failures.length < MAX_REPORTED) {
        report.failures.push(
          `${problem}: ${describe(request, caller)} -> ${outcome.status} ${outcome.text.slice(0, 300)} (after ${previous})`,
        );
      }
      before = after;
      previous = `${describe(request, caller).slice(0, 300)} -> ${outcome.status}`;
    }
    return report;
  }

  private async send(request: FuzzRequest, caller: Caller) {
    const headers = { ...this.headers[caller] };
    if (request.contentType) headers['content-type'] = request.contentType;
    try {
      return await sendRaw(this.port, {
        method: request.method,
        url: request.url,
        headers,
        body: request.body,
      });
    } catch (error) {
      return { status: 599, text: `no answer: ${(error as Error).message}` };
    }
  }
}

const operationKey = (operation: Operation) => `${operation.method} ${operation.path}`;

/** The operation's route as Express names it: /api/students/{id} is /api/students/:id. */
const routeKey = (operation: Operation) =>
  `${operation.method} ${operation.path.replace(/\{(\w+)\}/g, ':$1')}`;

function judge(status: number, changedTables: string[], blockedMs: number): string | undefined {
  if (status >= 500) return 'server error';
  if (blockedMs > STALL_MS) return `held the event loop for ${Math.round(blockedMs)} ms`;
  if (status >= 400 && changedTables.length > 0)
    return `a ${status} changed ${changedTables.join(', ')}`;
  return undefined;
}

function authorisation(caller: Caller, tokens: Record<string, string>): Record<string, string> {
  if (caller === 'anonymous') return {};
  if (caller === 'forged') return { authorization: `Bearer ${tokens.admin.slice(0, -4)}AAAA` };
  return { authorization: `Bearer ${tokens[caller]}` };
}

/** Ids of every kind, of both tenants, for path parameters and id fields. */
async function knownIds(db: DataSource): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `SELECT id::text FROM (
       SELECT id FROM students UNION ALL SELECT id FROM slots UNION ALL SELECT id FROM rounds
       UNION ALL SELECT id FROM placements UNION ALL SELECT id FROM organisations
       UNION ALL SELECT id FROM users UNION ALL SELECT id FROM programmes) ids`,
  );
  return rows.map((row) => row.id);
}

function describe(request: FuzzRequest, caller: Caller): string {
  const body =
    request.body === undefined ? '' : ` [${request.contentType}] ${request.body.slice(0, 200)}`;
  return `${request.method} ${request.url.slice(0, 200)} as ${caller}${body}`;
}
