/**
 * Matching engine benchmark (`npm run bench:matching`): seeded realistic markets at three
 * sizes; for each, the core algorithm in-process (both proposing sides) and the whole built
 * `match` command in a child process (read, validate, match, write), with its peak memory.
 * Figures are recorded in docs/BENCHMARKS.md. Targets at 100k x 20k: core < 100 ms, command
 * < 1 s and < 300 MB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  compileMarket,
  findBlockingPairs,
  runDeferredAcceptance,
  toAssignments,
} from '@app/matching';
import { timeCommand, timeCore } from './matching/measurements';
import { generateMarket, MarketShape } from './matching/realistic-market';

const SEED = 20261127;
const SHAPES: MarketShape[] = [
  { students: 1_000, slots: 200, preferencesPerStudent: 10 },
  { students: 10_000, slots: 2_000, preferencesPerStudent: 10 },
  { students: 100_000, slots: 20_000, preferencesPerStudent: 10 },
];
const CORE_RUNS = 15;
const COMMAND_RUNS = 5;

const repositoryRoot = path.resolve(__dirname, '..');
const commandEntry = path.join(repositoryRoot, 'dist/apps/cli/apps/cli/src/match.js');

function main(): void {
  buildCommand();
  printMachine();
  const workDirectory = mkdtempSync(path.join(tmpdir(), 'matching-bench-'));
  try {
    console.log(
      '| market | proposer | proposals | matched | core first run | core median | proposals/s |',
    );
    console.log('|---|---|---:|---:|---:|---:|---:|');
    const commandRows = SHAPES.map((shape) => benchShape(shape, workDirectory));
    console.log('');
    console.log(
      '| market | file | command wall time | read | parse + validate | match | write | peak RSS |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    commandRows.forEach((row) => console.log(row));
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

function buildCommand(): void {
  const build = spawnSync(process.execPath, ['scripts/ensure-built.js', 'cli'], {
    cwd: repositoryRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('could not build the cli app');
}

function printMachine(): void {
  console.log(`# Matching benchmark, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'} x ${cpus().length}; Node ${process.version}`);
  console.log(`Seed ${SEED}; ${CORE_RUNS} core runs and ${COMMAND_RUNS} command runs per market\n`);
}

/** Prints the core rows of one market and returns its command row. */
function benchShape(shape: MarketShape, workDirectory: string): string {
  const label = `${shape.students / 1000}k x ${shape.slots >= 1000 ? `${shape.slots / 1000}k` : shape.slots}`;
  const instance = generateMarket(shape, SEED);
  const market = compileMarket(instance);
  const blocking = findBlockingPairs(
    instance,
    toAssignments(market, runDeferredAcceptance(market, 'students')),
  );
  if (blocking.length > 0) throw new Error(`${label}: ${blocking.length} blocking pairs`);
  for (const proposer of ['students', 'slots'] as const) {
    const core = timeCore(market, proposer, CORE_RUNS);
    const perSecond = core.proposals / (core.medianMs / 1000);
    console.log(
      `| ${label} | ${proposer} | ${core.proposals.toLocaleString('en')} | ${core.matched.toLocaleString('en')} | ` +
        `${ms(core.firstMs)} | ${ms(core.medianMs)} | ${(perSecond / 1e6).toFixed(1)} M |`,
    );
  }
  const input = path.join(workDirectory, `instance-${shape.students}.json`);
  writeFileSync(input, JSON.stringify(instance));
  const output = path.join(workDirectory, `result-${shape.students}.json`);
  const command = timeCommand(commandEntry, ['--input', input, '--output', output], COMMAND_RUNS);
  const { report } = command;
  return (
    `| ${label} | ${(statSync(input).size / 2 ** 20).toFixed(1)} MiB | ${ms(command.wallMs)} | ` +
    `${ms(report.readMs)} | ${ms(report.compileMs)} | ${ms(report.matchMs)} | ${ms(report.writeMs)} | ` +
    `${command.peakRssMiB.toFixed(0)} MiB |`
  );
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(0)} ms`;
}

main();
