import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, PUBLISHED_JWT_SECRET, trustProxySetting } from './app-config';

describe('loadConfig', () => {
  let folder: string;
  let secretFile: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'biotekbyen-config-'));
    secretFile = join(folder, 'var', 'jwt-secret');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('gives the local defaults when nothing is set', () => {
    const config = loadConfig({ JWT_SECRET_FILE: secretFile });
    expect(config.DATABASE_URL).toBe('postgres://biotekbyen_app@127.0.0.1:5432/biotekbyen');
    expect(config.DATABASE_OWNER_URL).toBe('postgres://biotekbyen_owner@127.0.0.1:5432/biotekbyen');
    expect(config.DATABASE_ADMIN_URL).toBeUndefined();
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.MIGRATE_ON_START).toBe(true);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('points e-mail links at the api’s own port unless PUBLIC_URL says otherwise', () => {
    expect(loadConfig({ JWT_SECRET_FILE: secretFile, PORT: '3100' }).PUBLIC_URL).toBe(
      'http://localhost:3100',
    );
    const set = { JWT_SECRET_FILE: secretFile, PORT: '3100', PUBLIC_URL: 'https://match.example' };
    expect(loadConfig(set).PUBLIC_URL).toBe('https://match.example');
  });

  it('turns numeric and boolean strings into values', () => {
    const config = loadConfig({
      JWT_SECRET_FILE: secretFile,
      PORT: '8080',
      MIGRATE_ON_START: 'false',
      SMTP_SECURE: 'true',
    });
    expect(config.PORT).toBe(8080);
    expect(config.MIGRATE_ON_START).toBe(false);
    expect(config.SMTP_SECURE).toBe(true);
  });

  it('names every invalid variable in one message', () => {
    expect(() =>
      loadConfig({ JWT_SECRET_FILE: secretFile, DATABASE_URL: 'mysql://x', PORT: 'abc' }),
    ).toThrow(/DATABASE_URL must be a postgres:\/\/ URL.*PORT|PORT.*DATABASE_URL/);
  });

  it('migrates as the owner role, on the database of the runtime connection, unless told otherwise', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://app:secret@db.example:6432/match' })
        .DATABASE_OWNER_URL,
    ).toBe('postgres://biotekbyen_owner@db.example:6432/match');
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://app@db.example/match',
        DATABASE_OWNER_URL: 'postgres://owner:pw@db.example/match',
        DATABASE_ADMIN_URL: '',
      }),
    ).toMatchObject({
      DATABASE_OWNER_URL: 'postgres://owner:pw@db.example/match',
      DATABASE_ADMIN_URL: undefined,
    });
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgres://app@db.example/match',
        DATABASE_OWNER_URL: 'postgres://owner@db.example/other',
        DATABASE_ADMIN_URL: 'postgres://postgres@elsewhere/postgres',
      }),
    ).toThrow(
      /DATABASE_OWNER_URL must name the server and database of DATABASE_URL; DATABASE_ADMIN_URL must name the server of DATABASE_URL/,
    );
  });

  it('takes the queue backend as set and refuses any other', () => {
    expect(loadConfig({ QUEUE_BACKEND: 'postgres' }).QUEUE_BACKEND).toBe('postgres');
    expect(loadConfig({ QUEUE_BACKEND: 'redis' }).QUEUE_BACKEND).toBe('redis');
    expect(() => loadConfig({ QUEUE_BACKEND: 'kafka' })).toThrow(
      /QUEUE_BACKEND must be redis or postgres/,
    );
  });

  it('refuses the once built-in development secret, whatever NODE_ENV says', () => {
    for (const NODE_ENV of ['production', 'development', 'test']) {
      expect(() => loadConfig({ NODE_ENV, JWT_SECRET: PUBLISHED_JWT_SECRET })).toThrow(
        /published development secret/,
      );
    }
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-of-at-least-32-chars!!' }),
    ).not.toThrow();
  });

  it('without JWT_SECRET draws a random secret once and keeps it, mode 0600', () => {
    for (const NODE_ENV of ['production', 'development']) {
      rmSync(join(folder, 'var'), { recursive: true, force: true });
      const first = loadConfig({ NODE_ENV, JWT_SECRET_FILE: secretFile }).JWT_SECRET;
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(statSync(secretFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(secretFile, 'utf8').trim()).toBe(first);
      // A later process (the worker, the cli) reads the same one.
      expect(loadConfig({ NODE_ENV, JWT_SECRET_FILE: secretFile }).JWT_SECRET).toBe(first);
    }
    const other = join(folder, 'other', 'jwt-secret');
    expect(loadConfig({ JWT_SECRET_FILE: other }).JWT_SECRET).not.toBe(
      loadConfig({ JWT_SECRET_FILE: secretFile }).JWT_SECRET,
    );
  });

  it('refuses a kept secret that others may read', () => {
    loadConfig({ JWT_SECRET_FILE: secretFile });
    writeFileSync(secretFile, 'x'.repeat(43), { mode: 0o644 });
    chmodSync(secretFile, 0o644);
    expect(() => loadConfig({ JWT_SECRET_FILE: secretFile })).toThrow(/chmod 600/);
  });
});

describe('TRUST_PROXY', () => {
  const secretFile = join(tmpdir(), 'biotekbyen-trust-proxy-secret');
  afterAll(() => rmSync(secretFile, { force: true }));
  const load = (TRUST_PROXY?: string) => loadConfig({ JWT_SECRET_FILE: secretFile, TRUST_PROXY });

  it('believes no proxy unless told', () => {
    expect(trustProxySetting(load().TRUST_PROXY)).toBe(false);
  });

  it('takes a hop count or proxy addresses and subnets', () => {
    expect(trustProxySetting(load('1').TRUST_PROXY)).toBe(1);
    expect(trustProxySetting(load('loopback, 10.0.0.0/8,::1').TRUST_PROXY)).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
  });

  it.each(['true', 'everyone', '10.0.0.0/8; rm'])('refuses %p', (value) => {
    expect(() => load(value)).toThrow(/TRUST_PROXY must be/);
  });
});
