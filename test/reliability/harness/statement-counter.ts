import { DataSource } from 'typeorm';

/**
 * Counts the SQL statements a DataSource sends, through its logger, which TypeORM calls for
 * every query whether or not logging is on.
 */
export class StatementCounter {
  private count = 0;
  private readonly original: DataSource['logger']['logQuery'];

  constructor(private readonly dataSource: DataSource) {
    const logger = dataSource.logger;
    this.original = logger.logQuery;
    logger.logQuery = (...args) => {
      this.count++;
      return this.original.apply(logger, args);
    };
  }

  /** The statements sent while `work` ran (callers run one request at a time). */
  async during(work: () => Promise<unknown>): Promise<number> {
    const before = this.count;
    await work();
    return this.count - before;
  }

  restore(): void {
    this.dataSource.logger.logQuery = this.original;
  }
}
