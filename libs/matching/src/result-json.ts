/**
 * Writes the result JSON of contracts/matching-instance.md in one fixed layout, so that the
 * same instance always gives the same bytes (apart from stats.elapsedMs, a measured time):
 * one line per top-level field and per student or slot, keys in instance order, values
 * compact. A 100k-student result is a few megabytes, built with one join per field.
 */
import { MatchingExplanation, MissedSlot } from './explanation';
import { Market } from './market';
import { MatchingStats } from './match-instance';
import { MatchOutcome, slotOfStudent } from './match-outcome';

export function formatResultJson(
  market: Market,
  outcome: MatchOutcome,
  stats: MatchingStats,
  explanation?: MatchingExplanation,
): string {
  const quotedSlotIds = market.slotIds.map((id) => JSON.stringify(id));
  const fields = [
    `  "proposer": ${JSON.stringify(outcome.proposer)}`,
    objectField('assignments', market.studentIds, (student) => {
      const slot = slotOfStudent(market, outcome, student);
      return slot < 0 ? 'null' : quotedSlotIds[slot];
    }),
    `  "stats": ${formatStats(stats)}`,
  ];
  if (explanation !== undefined) {
    const { cutoffs, explanations } = explanation;
    fields.push(
      objectField('cutoffs', market.slotIds, (slot) =>
        JSON.stringify(cutoffs[market.slotIds[slot]]),
      ),
      objectField('explanations', market.studentIds, (student) =>
        formatMissedSlots(explanations[market.studentIds[student]]),
      ),
    );
  }
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** `"name": {`, one `"id": value` line per id, then `}`; or `"name": {}` when empty. */
function objectField(
  name: string,
  ids: readonly string[],
  valueAt: (index: number) => string,
): string {
  if (ids.length === 0) return `  "${name}": {}`;
  // One joined array per field: concatenating 100k small strings costs twice as much.
  const members = new Array<string>(ids.length);
  for (let index = 0; index < ids.length; index++) {
    members[index] = `    ${JSON.stringify(ids[index])}: ${valueAt(index)}`;
  }
  return `  "${name}": {\n${members.join(',\n')}\n  }`;
}

function formatStats(stats: MatchingStats): string {
  const { students, slots, matched, proposals, elapsedMs } = stats;
  return JSON.stringify({ students, slots, matched, proposals, elapsedMs });
}

function formatMissedSlots(missed: readonly MissedSlot[]): string {
  const parts = missed.map((entry) =>
    entry.reason === 'full'
      ? `{"slot":${JSON.stringify(entry.slot)},"reason":"full","cutoff":${entry.cutoff},"rankAtSlot":${entry.rankAtSlot}}`
      : `{"slot":${JSON.stringify(entry.slot)},"reason":"not_acceptable"}`,
  );
  return `[${parts.join(',')}]`;
}
