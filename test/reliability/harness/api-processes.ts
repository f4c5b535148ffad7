import { RunningProcess, runEntryPoint } from '../../support/processes';
import { freePort } from './free-port';

/** Api processes on free loopback ports, each started by its own entry point as in production. */
export class ApiProcesses {
  readonly bases: string[] = [];
  private readonly processes: RunningProcess[] = [];

  private constructor() {}

  static async start(count: number, env: Record<string, string>): Promise<ApiProcesses> {
    const apis = new ApiProcesses();
    try {
      for (let i = 0; i < count; i++) {
        const port = await freePort();
        const api = runEntryPoint('apps/api/src/main.ts', [], { ...env, PORT: String(port) });
        apis.processes.push(api);
        apis.bases.push(`http://127.0.0.1:${port}`);
      }
      await Promise.all(apis.processes.map((api) => api.waitFor(/API listening/, 60_000)));
      return apis;
    } catch (error) {
      await apis.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    for (const api of this.processes) api.child.kill('SIGTERM');
    await Promise.all(
      this.processes.map((api) =>
        Promise.race([
          api.exited,
          new Promise((resolve) => setTimeout(resolve, 15_000)).then(() =>
            api.child.kill('SIGKILL'),
          ),
        ]),
      ),
    );
  }
}
