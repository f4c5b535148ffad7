import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { RunningProcess, runEntryPoint } from '../../support/processes';

const BUILT_WORKER = 'dist/apps/worker/apps/worker/src/main.js';

/**
 * Worker processes of one test, on the test's own Redis prefix, so no other test file's worker
 * takes its jobs. Keeps the output of every process it started, killed ones included. Runs the
 * built worker (built first if missing or stale), which starts in a fraction of the time the
 * TypeScript entry point takes to compile.
 */
export class WorkerPool {
  private readonly running = new Map<number, RunningProcess>();
  private readonly all: RunningProcess[] = [];

  constructor(private readonly env: Record<string, string>) {
    const build = spawnSync(process.execPath, ['scripts/ensure-built.js', 'worker'], {
      cwd: path.resolve(__dirname, '../../..'),
      stdio: 'ignore',
      timeout: 180_000,
    });
    if (build.status !== 0) throw new Error('building the worker failed');
  }

  async start(count = 1): Promise<void> {
    const started = Array.from({ length: count }, () => {
      const worker = runEntryPoint(BUILT_WORKER, [], {
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
