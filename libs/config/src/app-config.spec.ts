import { LOCAL_JWT_SECRET, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/biotekbyen');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.MIGRATE_ON_START).toBe(true);
  });

  it('turns numeric and boolean strings into values', () => {
    const config = loadConfig({ PORT: '8080', MIGRATE_ON_START: 'false', SMTP_SECURE: 'true' });
    expect(config.PORT).toBe(8080);
    expect(config.MIGRATE_ON_START).toBe(false);
    expect(config.SMTP_SECURE).toBe(true);
  });

  it('names every invalid variable in one message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL.*PORT|PORT.*DATABASE_URL/,
    );
  });

  it('refuses the local secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: LOCAL_JWT_SECRET })).toThrow(
      /JWT_SECRET must be set/,
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-of-at-least-32-chars!!' }),
    ).not.toThrow();
  });
});
