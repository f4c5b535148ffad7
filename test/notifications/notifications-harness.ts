import { loadConfig } from '@app/config';
import { dropDatabase, prepareDatabase } from '@app/database';
import { NotificationInput, NotificationsService } from '@app/notifications';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { simpleParser, ParsedMail } from 'mailparser';
import { Logger } from 'nestjs-pino';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { SmtpReply, SmtpSink, startSmtpSink } from '../../scripts/smtp-sink';
import { Factories } from '../support/factories';

type Responder = (envelope: {
  from: string;
  to: string;
}) => SmtpReply | null | Promise<SmtpReply | null>;

/**
 * A database and Redis prefix of the test file's own, so no other file's worker relays or
 * delivers its notifications (every worker relays every pending outbox row of its database).
 */
export async function isolateEnvironment(): Promise<() => Promise<void>> {
  const saved = { ...process.env };
  const suffix = randomBytes(3).toString('hex');
  process.env.DATABASE_URL = `${process.env.DATABASE_URL}_n${suffix}`;
  process.env.REDIS_PREFIX = `${process.env.REDIS_PREFIX}-n${suffix}`;
  process.env.NOTIFICATION_BACKOFF_MS = '20';
  await prepareDatabase(loadConfig(), { create: true, migrate: true });
  return async () => {
    await dropDatabase(loadConfig());
    process.env = saved;
  };
}

/** An SMTP sink on a free port; the worker started after this sends to it. */
export async function startSink(): Promise<{ sink: SmtpSink; respond: (r: Responder) => void }> {
  let responder: Responder = () => null;
  const sink = await startSmtpSink({ respond: (envelope) => responder(envelope) });
  process.env.SMTP_HOST = sink.host;
  process.env.SMTP_PORT = String(sink.port);
  return { sink, respond: (next) => (responder = next) };
}

/** The real worker, in-process, as main.ts builds it. */
export async function startWorker(): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  worker.useLogger(worker.get(Logger));
  await worker.init();
  return worker;
}

export async function emit(app: INestApplicationContext, input: NotificationInput) {
  const notifications = app.get(NotificationsService);
  return app.get(DataSource).transaction((manager) => notifications.emit(manager, input));
}

export async function mailsTo(sink: SmtpSink, address: string): Promise<ParsedMail[]> {
  const raw = sink.messages.filter((m) => m.to.includes(address)).map((m) => m.raw);
  return Promise.all(raw.map((message) => simpleParser(message ?? Buffer.alloc(0))));
}

/** Polls until `check` returns a value other than undefined/false. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined && result !== false) return result;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function outboxRows(app: INestApplicationContext, recipientUserId: string) {
  return app
    .get(DataSource)
    .query<{ id: string; channel: string; status: string; attempts: number; last_error: string }[]>(
      `SELECT id, channel, status, attempts, last_error FROM outbox
       WHERE recipient_user_id = $1 ORDER BY channel`,
      [recipientUserId],
    );
}

export async function aStudentUser(make: Factories) {
  const school = await make.anOrganisation('school');
  const programme = await make.aProgramme(school.id);
  return make.aStudent(school, programme);
}
