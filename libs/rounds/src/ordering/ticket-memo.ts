import { lotteryTickets } from '@app/matching';

/** Rounds whose tickets are kept; an older round's are drawn again when asked for. */
const ROUNDS_KEPT = 8;
/** Tickets kept per round, a national round's students and more. */
const TICKETS_PER_ROUND = 500_000;

/**
 * The lottery tickets already drawn, per round seed. A ticket depends only on the seed and the
 * student's id, so it never changes: every applicant list of a round asks for the same ones, and
 * drawing them (SHA-256) was a tenth of a list's CPU. Bounded: the rounds used most recently.
 */
export class TicketMemo {
  private readonly rounds = new Map<string, Map<string, string>>();

  ticketsFor(seed: string, ids: readonly string[]): Map<string, string> {
    const known = this.roundOf(seed);
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) {
      if (known.size + missing.length > TICKETS_PER_ROUND) known.clear();
      for (const [id, ticket] of lotteryTickets(seed, missing)) known.set(id, ticket);
    }
    return new Map(ids.map((id) => [id, known.get(id)!]));
  }

  private roundOf(seed: string): Map<string, string> {
    let known = this.rounds.get(seed);
    if (known) {
      // Most recently used last, so the first is the one to forget.
      this.rounds.delete(seed);
    } else {
      known = new Map();
      if (this.rounds.size >= ROUNDS_KEPT) this.rounds.delete(this.rounds.keys().next().value!);
    }
    this.rounds.set(seed, known);
    return known;
  }
}
