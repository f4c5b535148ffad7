import { RunningProcess, runEntryPoint } from '../../support/processes';

/**
 * Worker processes of one test, on the test's own Redis prefix, so no other test file's worker
 * takes its jobs. Keeps the output of every process it started, killed ones included.
 */
export class WorkerPool {
  private readonly running = new Map<number, RunningProcess>();
  private readonly all: RunningProcess[] = [];

  constructor(private readonly env: Record<string, string>) {}

  async start(count = 1): Promise<void> {
    const started = Array.from({ length: count }, () => {
      const worker = runEntryPoint('apps/worker/src/main.ts', [], {
        LOG_LEVEL: 'info',
        ...this.env,
      });
      this.all.push(worker);
      if (worker.child.pid) this.running.set(worker.child.pid, worker);
      void worker.exited.then(() => this.running.delete(worker.child.pid ?? -1));
      return worker.waitFor(/worker ready/, 60_000);
    });
    await Promise.all(started);
  }

  get size(): number {
    return this.running.size;
  }

  async kill(pid: number): Promise<void> {
    const worker = this.running.get(pid);
    if (!worker) throw new Error(`no running worker with pid ${pid}`);
    worker.child.kill('SIGKILL');
    await worker.exited;
  }

  /** Every line any worker of the pool printed that matches. */
  lines(pattern: RegExp): string[] {
    return this.all.flatMap((w) => w.output().split('\n')).filter((line) => pattern.test(line));
  }

  async stopAll(): Promise<void> {
    const workers = [...this.running.values()];
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(
      workers.map((worker) =>
        Promise.race([
          worker.exited,
          new Promise((resolve) => setTimeout(resolve, 15_000)).then(() =>
            worker.child.kill('SIGKILL'),
          ),
        ]),
      ),
    );
  }
}
