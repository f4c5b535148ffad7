/**
 * The seeded single lottery that breaks ties before the engine runs, reproducible from the
 * seed alone. Each id draws a ticket, SHA-256(UTF-8(seed) || 0x00 || UTF-8(id)), and lower
 * tickets (compared as 64 hex digits, or equally as big-endian numbers) come first. A ticket
 * depends only on the seed and the id, so the order does not depend on input order, and one
 * student's ticket does not change when others join.
 */
import { digestHex, digestInto, DIGEST_WORDS, MessageBuffer } from './sha256';

export interface ScoredItem {
  readonly id: string;
  /** Higher is better; must be a finite number. */
  readonly score: number;
}

/** The id's ticket as 64 lowercase hex digits, for audit trails. */
export function lotteryTicket(seed: string, id: string): string {
  return digestHex(drawTickets(seed, [id]), 0);
}

/**
 * Every id's ticket, as `lotteryTicket` gives it, from one draw: for ranking the same ids at many
 * slots (a single lottery) without hashing an id once per slot. Comparing two tickets as strings
 * orders them exactly as `lotteryOrder` and `rankByScore` do.
 */
export function lotteryTickets(seed: string, ids: readonly string[]): Map<string, string> {
  const tickets = drawTickets(seed, ids);
  return new Map(ids.map((id, position) => [id, digestHex(tickets, position * DIGEST_WORDS)]));
}

/** The ids in lottery order; throws RangeError on a repeated id. */
export function lotteryOrder(seed: string, ids: readonly string[]): string[] {
  const tickets = drawTickets(seed, ids);
  return positions(ids.length)
    .sort((a, b) => compareTickets(tickets, a, b))
    .map((position) => ids[position]);
}

/** Higher score first, equal scores in lottery order: a strict ranking from a score with ties. */
export function rankByScore<T extends ScoredItem>(items: readonly T[], seed: string): T[] {
  for (const item of items) {
    if (!Number.isFinite(item.score)) {
      throw new RangeError(`score of ${JSON.stringify(item.id)} is not a finite number`);
    }
  }
  const tickets = drawTickets(
    seed,
    items.map((item) => item.id),
  );
  return positions(items.length)
    .sort((a, b) => items[b].score - items[a].score || compareTickets(tickets, a, b))
    .map((position) => items[position]);
}

/** Every id's digest, DIGEST_WORDS words each, in the ids' order. */
function drawTickets(seed: string, ids: readonly string[]): Uint32Array {
  const seen = new Set<string>();
  const tickets = new Uint32Array(ids.length * DIGEST_WORDS);
  const message = new MessageBuffer();
  ids.forEach((id, position) => {
    if (seen.has(id)) throw new RangeError(`id ${JSON.stringify(id)} appears twice in the lottery`);
    seen.add(id);
    message.reset();
    message.appendUtf8(seed);
    message.appendByte(0);
    message.appendUtf8(id);
    digestInto(message, tickets, position * DIGEST_WORDS);
  });
  return tickets;
}

function positions(count: number): number[] {
  return Array.from({ length: count }, (_, position) => position);
}

/** Word by word, which orders digests as their hex strings would. */
function compareTickets(tickets: Uint32Array, a: number, b: number): number {
  for (let word = 0; word < DIGEST_WORDS; word++) {
    const difference = tickets[a * DIGEST_WORDS + word] - tickets[b * DIGEST_WORDS + word];
    if (difference !== 0) return difference;
  }
  return 0; // the same digest: a SHA-256 collision, never seen for distinct ids
}
