/**
 * Entry point of the offline `match` command (docs/contracts/matching-instance.md). Plain Node,
 * deliberately not Nest: it must start fast, and it needs nothing but the matching engine.
 * MATCH_REPORT_STATS=1 adds one JSON line on standard error with the time of each phase and
 * the peak resident memory, for the benchmark.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { MatchIo, runMatchCommand } from './match/match-command';

const processIo: MatchIo = {
  readFile: (path) => readFileSync(path),
  writeFile: (path, text) => writeFileSync(path, text),
  writeStdout: (text) => process.stdout.write(text),
  writeStderr: (text) => process.stderr.write(text),
};

// A reader that stops early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const reportStats = process.env.MATCH_REPORT_STATS === '1';
const startedAt = performance.now();
const run = runMatchCommand(process.argv.slice(2), processIo);
if (reportStats) {
  const report = {
    ...run.phases,
    totalMs: performance.now() - startedAt,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  process.stderr.write(`${JSON.stringify(report)}\n`);
}
// exitCode rather than exit(): a large result on a pipe is flushed before the process ends.
process.exitCode = run.exitCode;
