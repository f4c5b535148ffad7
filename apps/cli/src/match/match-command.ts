/**
 * The `match` command as a function of its arguments and a few I/O callbacks, so that it can
 * be run in tests without a process. Exit status: 0 done; 2 bad arguments, unreadable input
 * or invalid instance (one line on standard error, nothing on standard output); 1 when the
 * result cannot be written.
 */
import {
  formatResultJson,
  InvalidInstanceError,
  matchingStats,
  readInstanceBytes,
  timeDeferredAcceptance,
} from '@app/matching';
import { MatchArguments, parseMatchArguments, USAGE, UsageError } from './match-arguments';

export interface MatchIo {
  readFile(path: string): Uint8Array;
  writeFile(path: string, text: string): void;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

/** Milliseconds spent in each phase, for the benchmark; explanations count as writing. */
export interface MatchPhases {
  readMs: number;
  compileMs: number;
  matchMs: number;
  writeMs: number;
}

export interface MatchRun {
  readonly exitCode: number;
  readonly phases: MatchPhases;
}

export const EXIT_OK = 0;
export const EXIT_WRITE_FAILED = 1;
export const EXIT_INVALID = 2;

export function runMatchCommand(argv: readonly string[], io: MatchIo): MatchRun {
  const phases: MatchPhases = { readMs: 0, compileMs: 0, matchMs: 0, writeMs: 0 };
  try {
    const parsed = parseMatchArguments(argv);
    if (parsed.help) {
      io.writeStdout(`${USAGE}\n`);
      return { exitCode: EXIT_OK, phases };
    }
    return { exitCode: matchFile(parsed, io, phases), phases };
  } catch (error) {
    if (error instanceof UsageError) {
      io.writeStderr(`match: ${oneLine(error.message)} (see --help)\n`);
      return { exitCode: EXIT_INVALID, phases };
    }
    if (error instanceof InvalidInstanceError || error instanceof UnreadableInputError) {
      io.writeStderr(`match: ${oneLine(error.message)}\n`);
      return { exitCode: EXIT_INVALID, phases };
    }
    throw error;
  }
}

class UnreadableInputError extends Error {}

function matchFile(args: MatchArguments, io: MatchIo, phases: MatchPhases): number {
  const bytes = timed(phases, 'readMs', () => readInput(args.input, io));
  const market = timed(phases, 'compileMs', () => readInstanceBytes(bytes));
  const { outcome, elapsedMs } = timeDeferredAcceptance(market, args.proposer);
  phases.matchMs = elapsedMs;
  return timed(phases, 'writeMs', () => {
    const stats = matchingStats(market, outcome, elapsedMs);
    const json = formatResultJson(market, outcome, stats, { explain: args.explain });
    return writeResult(args.output, json, io);
  });
}

function readInput(path: string, io: MatchIo): Uint8Array {
  try {
    return io.readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnreadableInputError(`cannot read ${JSON.stringify(path)}: ${reason}`);
  }
}

function writeResult(output: string | null, json: string, io: MatchIo): number {
  if (output === null) {
    io.writeStdout(json);
    return EXIT_OK;
  }
  try {
    io.writeFile(output, json);
    return EXIT_OK;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.writeStderr(`match: cannot write ${JSON.stringify(output)}: ${oneLine(reason)}\n`);
    return EXIT_WRITE_FAILED;
  }
}

function timed<T>(phases: MatchPhases, phase: keyof MatchPhases, work: () => T): T {
  const startedAt = performance.now();
  try {
    return work();
  } finally {
    phases[phase] = performance.now() - startedAt;
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}
