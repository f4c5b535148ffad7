/**
 * The published cases of test/fixtures/matching-cases (answers from the Python `matching`
 * library), for both proposers, through both ways of reading an instance.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Assignments, MatchingInstance, Proposer } from './instance';
import { readInstanceBytes } from './instance-text';
import { matchInstance, toAssignments } from './match-instance';
import { runDeferredAcceptance } from './deferred-acceptance';

const repositoryRoot = path.resolve(__dirname, '../../..');
const casesDirectory = path.join(repositoryRoot, 'test', 'fixtures', 'matching-cases');

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function publishedCases(): string[] {
  if (!existsSync(casesDirectory)) {
    throw new Error(`published matching cases not found at ${casesDirectory}`);
  }
  return readdirSync(casesDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

describe('published matching cases', () => {
  const cases = publishedCases();

  it('finds the five published cases', () => {
    expect(cases).toEqual([
      'hr-issue-159',
      'hr-issue-67',
      'hr-readme',
      'hr-resident-loses-all-preferences',
      'sm-choose-optimality',
    ]);
  });

  describe.each(cases)('%s', (name) => {
    const instanceFile = path.join(casesDirectory, name, 'instance.json');

    it.each<Proposer>(['students', 'slots'])(
      'gives the published matching when %s propose',
      (proposer) => {
        const expected = readJson<{ proposer: Proposer; assignments: Assignments }>(
          path.join(casesDirectory, name, `expected.${proposer}.json`),
        );

        const result = matchInstance(readJson<MatchingInstance>(instanceFile), { proposer });

        expect(expected.proposer).toBe(proposer);
        expect(result.assignments).toEqual(expected.assignments);
      },
    );

    it.each<Proposer>(['students', 'slots'])(
      'reads the file the same way from its bytes (%s propose)',
      (proposer) => {
        const fromBytes = readInstanceBytes(readFileSync(instanceFile));
        const fromObject = matchInstance(readJson<MatchingInstance>(instanceFile), { proposer });

        expect(toAssignments(fromBytes, runDeferredAcceptance(fromBytes, proposer))).toEqual(
          fromObject.assignments,
        );
      },
    );
  });
});
