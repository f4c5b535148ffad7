/**
 * Writes the result JSON of contracts/matching-instance.md in one fixed layout, so that the
 * same instance always gives the same bytes (apart from stats.elapsedMs, a measured time):
 * one line per top-level field and per student or slot, keys in instance order, values
 * compact. Lines are collected and joined once: a 100k-student result is a few megabytes.
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
    [`  "proposer": ${JSON.stringify(outcome.proposer)}`],
    objectField('assignments', market.studentIds, (student) => {
      const slot = slotOfStudent(market, outcome, student);
      return slot < 0 ? 'null' : quotedSlotIds[slot];
    }),
    [`  "stats": ${formatStats(stats)}`],
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
  for (let field = 0; field < fields.length - 1; field++) {
    fields[field][fields[field].length - 1] += ',';
  }
  return ['{', ...fields.flat(), '}', ''].join('\n');
}

/** `"name": {`, one `"id": value` line per id, then `}`; or `"name": {}` when empty. */
function objectField(
  name: string,
  ids: readonly string[],
  valueAt: (index: number) => string,
): string[] {
  if (ids.length === 0) return [`  "${name}": {}`];
  const lines = [`  "${name}": {`];
  const last = ids.length - 1;
  for (let index = 0; index <= last; index++) {
    lines.push(`    ${JSON.stringify(ids[index])}: ${valueAt(index)}${index < last ? ',' : ''}`);
  }
  lines.push('  }');
  return lines;
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
