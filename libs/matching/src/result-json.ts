/**
 * Writes the result JSON of docs/contracts/matching-instance.md in one fixed layout, so that the
 * same instance always gives the same bytes (apart from stats.elapsedMs, a measured time):
 * one line per top-level field and per student or slot, keys in instance order, values
 * compact. A 100k-student result is a few megabytes, built with one join per field.
 */
import { MissedSlotReasons, NOT_LISTED } from './explanation';
import { Market } from './market';
import { MatchingStats } from './match-instance';
import { MatchOutcome, slotOfStudent } from './match-outcome';

export interface ResultOptions {
  /** Adds cutoffs and explanations (see explanation.ts). */
  readonly explain?: boolean;
}

export function formatResultJson(
  market: Market,
  outcome: MatchOutcome,
  stats: MatchingStats,
  options: ResultOptions = {},
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
  if (options.explain === true) {
    // Reasons are written as they are found: an object per reason would cost 100s of MB.
    const reasons = new MissedSlotReasons(market, outcome.studentEntry);
    fields.push(
      objectField('cutoffs', market.slotIds, (slot) => JSON.stringify(reasons.cutoff(slot))),
      objectField('explanations', market.studentIds, (student) =>
        formatMissedSlots(reasons, student, quotedSlotIds),
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

function formatMissedSlots(
  reasons: MissedSlotReasons,
  student: number,
  quotedSlotIds: readonly string[],
): string {
  const parts: string[] = [];
  reasons.forEachMissed(student, (slot, rankAtSlot) => {
    const slotField = `{"slot":${quotedSlotIds[slot]},"reason":`;
    parts.push(
      rankAtSlot === NOT_LISTED
        ? `${slotField}"not_acceptable"}`
        : `${slotField}"full","cutoff":${reasons.worstTaken(slot)},"rankAtSlot":${rankAtSlot}}`,
    );
  });
  return `[${parts.join(',')}]`;
}
