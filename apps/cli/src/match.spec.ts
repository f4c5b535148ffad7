/**
 * The `match` command of docs/contracts/matching-instance.md: the real entry point in a child
 * process for exit codes and streams, and runMatchCommand in-process for the many ways an
 * invocation can be wrong.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MatchIo, runMatchCommand } from './match/match-command';

const repositoryRoot = path.resolve(__dirname, '../../..');
const casesDirectory = path.join(repositoryRoot, 'test', 'fixtures', 'matching-cases');
const readmeCase = path.join(casesDirectory, 'hr-readme', 'instance.json');

let workDirectory: string;

beforeAll(() => {
  workDirectory = mkdtempSync(path.join(tmpdir(), 'match-command-'));
});

afterAll(() => {
  rmSync(workDirectory, { recursive: true, force: true });
});

function aFile(name: string, content: string): string {
  const file = path.join(workDirectory, name);
  writeFileSync(file, content);
  return file;
}

function runCommand(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/cli/src/match.ts', ...args],
    { cwd: repositoryRoot, encoding: 'utf8' },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expected(name: string, proposer: string): unknown {
  const file = path.join(casesDirectory, name, `expected.${proposer}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { assignments: unknown }).assignments;
}

function withoutElapsed(json: string): string {
  return json.replace(/"elapsedMs":[0-9.e+-]+/, '"elapsedMs":0');
}

describe('match command', () => {
  it('writes the result to standard output and nothing else', () => {
    const { status, stdout, stderr } = runCommand('--input', readmeCase);

    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toMatchObject({
      proposer: 'students',
      assignments: expected('hr-readme', 'students'),
      stats: { students: 5, slots: 3, matched: 5, proposals: 7 },
    });
  });

  it('lets the slots propose', () => {
    const input = path.join(casesDirectory, 'sm-choose-optimality', 'instance.json');

    const { status, stdout } = runCommand('--input', input, '--proposer', 'slots');

    expect(status).toBe(0);
    expect(JSON.parse(stdout).assignments).toEqual(expected('sm-choose-optimality', 'slots'));
  });

  it('writes the result to --output, with cutoffs and explanations under --explain', () => {
    const output = path.join(workDirectory, 'result.json');

    const { status, stdout, stderr } = runCommand(
      '--input',
      readmeCase,
      '--output',
      output,
      '--explain',
    );

    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('');
    const result = JSON.parse(readFileSync(output, 'utf8'));
    expect(result.cutoffs).toEqual({ M: 3, C: 2, G: 'not full' });
    expect(result.explanations.S).toEqual([
      { slot: 'C', reason: 'full', cutoff: 2, rankAtSlot: 3 },
    ]);
  });

  it('gives the same bytes for the same instance, whatever the key order in the file', () => {
    const instance = JSON.parse(readFileSync(readmeCase, 'utf8')) as {
      students: { id: string; preferences: string[] }[];
      slots: { id: string; capacity: number; preferences: string[] }[];
    };
    const reordered = aFile(
      'reordered.json',
      JSON.stringify({
        slots: instance.slots.map(({ id, capacity, preferences }) => ({
          preferences,
          capacity,
          id,
        })),
        students: instance.students.map(({ id, preferences }) => ({ preferences, id })),
      }),
    );

    const first = runCommand('--input', readmeCase, '--explain');
    const second = runCommand('--input', reordered, '--explain');

    expect(withoutElapsed(second.stdout)).toBe(withoutElapsed(first.stdout));
  });

  it('exits with 2 and one line naming the id and rule for an invalid instance', () => {
    const input = aFile(
      'unknown-slot.json',
      JSON.stringify({ students: [{ id: 's1', preferences: ['c9'] }], slots: [] }),
    );

    const { status, stdout, stderr } = runCommand('--input', input);

    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'match: invalid instance: student "s1": preference "c9" is not a known slot (unknown_preference)\n',
    );
  });

  it('exits with 2 for a file it cannot read', () => {
    const { status, stdout, stderr } = runCommand(
      '--input',
      path.join(workDirectory, 'missing.json'),
    );

    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^match: cannot read ".*missing\.json": ENOENT[^\n]*\n$/);
  });

  it('exits with 2 for bad arguments', () => {
    const { status, stdout, stderr } = runCommand('--input', readmeCase, '--proposer', 'companies');

    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('runMatchCommand', () => {
  function run(args: string[], files: Record<string, string> = {}) {
    const out = { stdout: '', stderr: '', written: {} as Record<string, string> };
    const io: MatchIo = {
      readFile: (file) => {
        if (!(file in files)) throw new Error(`ENOENT: no such file or directory, open '${file}'`);
        return new TextEncoder().encode(files[file]);
      },
      writeFile: (file, text) => {
        if (file.endsWith('/'))
          throw new Error(`EISDIR: illegal operation on a directory, open '${file}'`);
        out.written[file] = text;
      },
      writeStdout: (text) => (out.stdout += text),
      writeStderr: (text) => (out.stderr += text),
    };
    return { exitCode: runMatchCommand(args, io).exitCode, ...out };
  }

  const validInstance = JSON.stringify({
    students: [{ id: 's1', preferences: ['c1'] }],
    slots: [{ id: 'c1', capacity: 1, preferences: ['s1'] }],
  });

  it.each([
    ['no --input', [], '--input <instance.json> is required'],
    ['an empty --input', ['--input', ''], '--input <instance.json> is required'],
    ['an unknown option', ['--input', 'i.json', '--verbose'], "Unknown option '--verbose'"],
    ['a positional argument', ['i.json'], 'Unexpected argument'],
    ['an unknown proposer', ['--input', 'i.json', '--proposer', 'x'], '--proposer must be'],
    ['--input without a value', ['--input'], "Option '--input <value>' argument missing"],
  ])('rejects %s with exit status 2 and one line', (_, args, message) => {
    const result = run(args, { 'i.json': validInstance });

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.trimEnd()).not.toContain('\n');
  });

  it.each([
    ['an empty file', '', 'empty'],
    ['a file that is not JSON', '{"students": [', 'not_json'],
    ['an array', '[]', 'not_object'],
    [
      'a zero capacity',
      validInstance.replace('"capacity":1', '"capacity":0'),
      'capacity_below_one',
    ],
    [
      'a repeated preference',
      validInstance.replace('["c1"]', '["c1","c1"]'),
      'repeated_preference',
    ],
  ])('rejects %s with exit status 2 and the rule', (_, content, rule) => {
    const result = run(['--input', 'i.json'], { 'i.json': content });

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^match: invalid instance: .*\\(${rule}\\)\\n$`));
  });

  it('exits with 1 when the result cannot be written', () => {
    const result = run(['--input', 'i.json', '--output', 'out/'], { 'i.json': validInstance });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^match: cannot write "out\/": EISDIR[^\n]*\n$/);
  });

  it('prints the usage on --help', () => {
    const result = run(['--help']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run --silent match -- --input/);
  });
});
