/**
 * Gathers the requests of concurrent callers into one statement: the first request runs at once,
 * and those arriving while a statement is in flight wait for it and then go together in the
 * next one. Under load many callers share a round trip; alone, a caller waits for nobody.
 *
 * `run` gets the batch and answers per request, in the same order. When a batch fails, each of
 * its requests runs again alone, so one bad request fails only its own caller.
 */
export class StatementBatcher<Request, Answer> {
  private queue: Pending<Request, Answer>[] = [];
  private running = false;

  constructor(
    private readonly run: (requests: Request[]) => Promise<Answer[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(request: Request): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const answers = await this.run(batch.map((pending) => pending.request));
        batch.forEach((pending, i) => pending.resolve(answers[i]));
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        else await Promise.all(batch.map((pending) => this.runAlone(pending)));
      }
    }
    this.running = false;
  }

  private async runAlone(pending: Pending<Request, Answer>): Promise<void> {
    try {
      const [answer] = await this.run([pending.request]);
      pending.resolve(answer);
    } catch (error) {
      pending.reject(error);
    }
  }
}

interface Pending<Request, Answer> {
  request: Request;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}
