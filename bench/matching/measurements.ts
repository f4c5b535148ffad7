/** Timing helpers for the matching benchmark: in-process core runs and the spawned command. */
import { spawnSync } from 'node:child_process';
import { Market, MatchOutcome, Proposer, runDeferredAcceptance } from '@app/matching';

export interface CoreTiming {
  readonly proposals: number;
  readonly matched: number;
  /** The first run, as the command sees it: code not yet optimised by the JIT. */
  readonly firstMs: number;
  readonly medianMs: number;
}

export function timeCore(market: Market, proposer: Proposer, runs: number): CoreTiming {
  const times: number[] = [];
  let outcome: MatchOutcome | null = null;
  for (let run = 0; run < runs; run++) {
    const startedAt = performance.now();
    outcome = runDeferredAcceptance(market, proposer);
    times.push(performance.now() - startedAt);
  }
  if (outcome === null) throw new Error('no runs');
  const matched = outcome.studentEntry.filter((entry) => entry >= 0).length;
  return { proposals: outcome.proposals, matched, firstMs: times[0], medianMs: median(times) };
}

/** What the command reports on standard error under MATCH_REPORT_STATS=1. */
export interface CommandReport {
  readonly readMs: number;
  readonly compileMs: number;
  readonly matchMs: number;
  readonly writeMs: number;
  readonly totalMs: number;
  readonly maxRssKiB: number;
}

export interface CommandTiming {
  /** Wall time of the whole child process, start-up and exit included. */
  readonly wallMs: number;
  readonly report: CommandReport;
  readonly peakRssMiB: number;
}

/** Runs the built command several times; the run with the median wall time is reported. */
export function timeCommand(entry: string, args: string[], runs: number): CommandTiming {
  const timings: CommandTiming[] = [];
  for (let run = 0; run < runs; run++) timings.push(runCommandOnce(entry, args));
  timings.sort((a, b) => a.wallMs - b.wallMs);
  const peakRssMiB = Math.max(...timings.map((timing) => timing.peakRssMiB));
  return { ...timings[Math.floor(timings.length / 2)], peakRssMiB };
}

function runCommandOnce(entry: string, args: string[]): CommandTiming {
  const startedAt = performance.now();
  const child = spawnSync(process.execPath, [entry, ...args], {
    env: { ...process.env, MATCH_REPORT_STATS: '1' },
    encoding: 'utf8',
  });
  const wallMs = performance.now() - startedAt;
  if (child.status !== 0) {
    throw new Error(`match exited with ${child.status}: ${child.stderr}`);
  }
  const report = JSON.parse(child.stderr.trim().split('\n').pop() ?? '{}') as CommandReport;
  return { wallMs, report, peakRssMiB: report.maxRssKiB / 1024 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
