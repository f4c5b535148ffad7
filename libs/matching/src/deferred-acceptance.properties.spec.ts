/** Laws of deferred acceptance, checked on random instances with fast-check. */
import fc from 'fast-check';
import { runDeferredAcceptance } from './deferred-acceptance';
import { Assignments, MatchingInstance, Proposer } from './instance';
import { Market } from './market';
import { compileMarket } from './market-compiler';
import { matchInstance } from './match-instance';
import { MatchOutcome } from './match-outcome';
import { findAssignmentViolations, findBlockingPairs } from './stability';
import { allStableMatchings, slotHolderRanks, studentRankOf } from './testing/brute-force';
import { instanceArbitrary, TINY } from './testing/random-instances';
import { reorderInstance } from './testing/reordering';

const PROPOSERS: Proposer[] = ['students', 'slots'];
const RUNS = { numRuns: 300 };

function assignmentsOf(instance: MatchingInstance, proposer: Proposer): Assignments {
  return matchInstance(instance, { proposer }).assignments;
}

describe('deferred acceptance, for random instances', () => {
  it.each(PROPOSERS)(
    'is stable, within capacity and mutually acceptable (%s propose)',
    (proposer) => {
      fc.assert(
        fc.property(instanceArbitrary(), (instance) => {
          const assignments = assignmentsOf(instance, proposer);
          expect(findAssignmentViolations(instance, assignments)).toEqual([]);
          expect(findBlockingPairs(instance, assignments)).toEqual([]);
        }),
        RUNS,
      );
    },
  );

  it('matches the same students and fills each slot the same whichever side proposes', () => {
    fc.assert(
      fc.property(instanceArbitrary(), (instance) => {
        const byStudents = assignmentsOf(instance, 'students');
        const bySlots = assignmentsOf(instance, 'slots');
        const matched = (assignments: Assignments) =>
          Object.keys(assignments).filter((student) => assignments[student] !== null);
        expect(matched(bySlots)).toEqual(matched(byStudents));
        expect(fillCounts(bySlots)).toEqual(fillCounts(byStudents));
      }),
      RUNS,
    );
  });

  it('gives every student its best stable slot when students propose', () => {
    fc.assert(
      fc.property(instanceArbitrary(TINY), (instance) => {
        const result = assignmentsOf(instance, 'students');
        const stable = allStableMatchings(instance);
        expect(stable).toContainEqual({ ...result });
        for (const other of stable) {
          for (const { id } of instance.students) {
            expect(studentRankOf(instance, id, result[id])).toBeLessThanOrEqual(
              studentRankOf(instance, id, other[id]),
            );
          }
        }
      }),
      RUNS,
    );
  });

  it('gives every slot its best stable set of students when slots propose', () => {
    fc.assert(
      fc.property(instanceArbitrary(TINY), (instance) => {
        const result = assignmentsOf(instance, 'slots');
        const stable = allStableMatchings(instance);
        expect(stable).toContainEqual({ ...result });
        for (const other of stable) {
          for (const { id } of instance.slots) {
            // Same number of students in every stable matching; the k-th best is no worse.
            const ours = slotHolderRanks(instance, result, id);
            const theirs = slotHolderRanks(instance, other, id);
            ours.forEach((rank, k) => expect(rank).toBeLessThanOrEqual(theirs[k]));
          }
        }
      }),
      RUNS,
    );
  });

  it.each(PROPOSERS)(
    'counts exactly the proposals the result implies, whatever the processing order (%s propose)',
    (proposer) => {
      fc.assert(
        fc.property(instanceArbitrary(), (instance) => {
          const market = compileMarket(instance);
          const outcome = runDeferredAcceptance(market, proposer);
          expect(outcome.proposals).toBe(impliedProposals(market, outcome));
        }),
        RUNS,
      );
    },
  );

  it.each(PROPOSERS)(
    'does not depend on the order of students, slots or object keys (%s propose)',
    (proposer) => {
      fc.assert(
        fc.property(instanceArbitrary(), fc.nat(), (instance, seed) => {
          const reordered = reorderInstance(instance, seed);
          const original = matchInstance(instance, { proposer });
          const shuffled = matchInstance(reordered, { proposer });
          expect({ ...shuffled.assignments }).toEqual({ ...original.assignments });
          expect(shuffled.stats.proposals).toBe(original.stats.proposals);
        }),
        RUNS,
      );
    },
  );
});

function fillCounts(assignments: Assignments): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const slot of Object.values(assignments)) {
    if (slot !== null) counts[slot] = (counts[slot] ?? 0) + 1;
  }
  return counts;
}

/**
 * Proposals follow from the result alone: a proposing student asked every slot down to the one
 * it holds (all, if unmatched); a proposing slot asked every student down to the worst one it
 * holds when it ends full (a release after its last offer would have made it offer again),
 * and its whole list otherwise. Only mutually acceptable pairs count.
 */
function impliedProposals(market: Market, outcome: MatchOutcome): number {
  return outcome.proposer === 'students'
    ? studentProposals(market, outcome)
    : slotProposals(market, outcome);
}

function studentProposals(market: Market, outcome: MatchOutcome): number {
  const { offsets, rankThere } = market.students;
  let proposals = 0;
  market.studentIds.forEach((_, student) => {
    const held = outcome.studentEntry[student];
    const last = held < 0 ? offsets[student + 1] - 1 : held;
    for (let entry = offsets[student]; entry <= last; entry++) {
      if (rankThere[entry] >= 0) proposals++;
    }
  });
  return proposals;
}

function slotProposals(market: Market, outcome: MatchOutcome): number {
  const filled = new Array<number>(market.slotIds.length).fill(0);
  const worstRank = new Array<number>(market.slotIds.length).fill(-1);
  outcome.studentEntry.forEach((entry) => {
    if (entry < 0) return;
    const slot = market.students.listed[entry];
    filled[slot]++;
    worstRank[slot] = Math.max(worstRank[slot], market.students.rankThere[entry]);
  });
  const { offsets, rankThere } = market.slots;
  let proposals = 0;
  market.slotIds.forEach((_, slot) => {
    const full = filled[slot] >= market.capacities[slot];
    const last = full ? offsets[slot] + worstRank[slot] : offsets[slot + 1] - 1;
    for (let entry = offsets[slot]; entry <= last; entry++) {
      if (rankThere[entry] >= 0) proposals++;
    }
  });
  return proposals;
}
