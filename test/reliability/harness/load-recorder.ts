import { sendRaw } from './raw-http';

export interface Sample {
  startedAt: number;
  status: number;
  ms: number;
}

/**
 * Keeps `concurrency` loops sending one request after another to a loopback port and records
 * each answer, until stopped or until `maxRequests` are sent. Status 599 marks no answer.
 */
export class LoadRecorder {
  readonly samples: Sample[] = [];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(
    private readonly port: number,
    private readonly request: { method: string; url: string; headers?: Record<string, string> },
    { concurrency = 4, maxRequests = 50_000 } = {},
  ) {
    this.loops = Array.from({ length: concurrency }, () => this.loop(maxRequests));
  }

  async stop(): Promise<Sample[]> {
    this.running = false;
    await Promise.all(this.loops);
    return this.samples;
  }

  private async loop(maxRequests: number): Promise<void> {
    while (this.running && this.samples.length < maxRequests) {
      const startedAt = Date.now();
      const { status } = await sendRaw(
        this.port,
        { method: this.request.method, url: this.request.url, headers: this.request.headers ?? {} },
        10_000,
      ).catch(() => ({ status: 599 }));
      this.samples.push({ startedAt, status, ms: Date.now() - startedAt });
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export function between(samples: Sample[], from: number, to: number): Sample[] {
  return samples.filter((s) => s.startedAt >= from && s.startedAt + s.ms <= to);
}
