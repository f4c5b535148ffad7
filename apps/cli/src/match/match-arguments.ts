/** Command-line arguments of `match` (docs/contracts/matching-instance.md), read with node:util. */
import { parseArgs } from 'node:util';
import { Proposer, PROPOSERS } from '@app/matching';

export interface MatchArguments {
  readonly input: string;
  readonly proposer: Proposer;
  /** Null: the result goes to standard output. */
  readonly output: string | null;
  readonly explain: boolean;
}

export type ParsedArguments = { readonly help: true } | (MatchArguments & { readonly help: false });

export const USAGE =
  'usage: npm run --silent match -- --input <instance.json> [--proposer students|slots] ' +
  '[--output <result.json>] [--explain]';

/** Bad arguments: the command prints the message and the usage, and exits with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseMatchArguments(argv: readonly string[]): ParsedArguments {
  const values = readOptions(argv);
  if (values.help === true) return { help: true };
  if (values.input === undefined || values.input === '') {
    throw new UsageError('--input <instance.json> is required');
  }
  const proposer = values.proposer ?? 'students';
  if (!isProposer(proposer)) {
    throw new UsageError(
      `--proposer must be "students" or "slots", not ${JSON.stringify(proposer)}`,
    );
  }
  if (values.output === '') throw new UsageError('--output needs a file name');
  return {
    help: false,
    input: values.input,
    proposer,
    output: values.output ?? null,
    explain: values.explain === true,
  };
}

function readOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        input: { type: 'string' },
        proposer: { type: 'string' },
        output: { type: 'string' },
        explain: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function isProposer(value: string): value is Proposer {
  return (PROPOSERS as readonly string[]).includes(value);
}
