/**
 * The seeded single lottery that breaks ties before the engine runs, reproducible from the
 * seed alone. Each id draws a ticket, SHA-256(UTF-8(seed) || 0x00 || UTF-8(id)) in hex, and
 * lower tickets come first. A ticket depends only on the seed and the id, so the order does
 * not depend on input order, and one student's ticket does not change when others join.
 */
import { sha256Hex, utf8Bytes } from './sha256';

export interface ScoredItem {
  readonly id: string;
  /** Higher is better; must be a finite number. */
  readonly score: number;
}

export function lotteryTicket(seed: string, id: string): string {
  const seedBytes = utf8Bytes(seed);
  const idBytes = utf8Bytes(id);
  const message = new Uint8Array(seedBytes.length + 1 + idBytes.length);
  message.set(seedBytes);
  message.set(idBytes, seedBytes.length + 1);
  return sha256Hex(message);
}

/** The ids in lottery order; throws RangeError on a repeated id. */
export function lotteryOrder(seed: string, ids: readonly string[]): string[] {
  return drawTickets(seed, ids, (id) => id)
    .sort(byTicket)
    .map((drawn) => drawn.item);
}

/** Higher score first, equal scores in lottery order: a strict ranking from a score with ties. */
export function rankByScore<T extends ScoredItem>(items: readonly T[], seed: string): T[] {
  for (const item of items) {
    if (!Number.isFinite(item.score)) {
      throw new RangeError(`score of ${JSON.stringify(item.id)} is not a finite number`);
    }
  }
  return drawTickets(seed, items, (item) => item.id)
    .sort((a, b) => b.item.score - a.item.score || byTicket(a, b))
    .map((drawn) => drawn.item);
}

interface Drawn<T> {
  readonly item: T;
  readonly ticket: string;
}

function drawTickets<T>(seed: string, items: readonly T[], idOf: (item: T) => string): Drawn<T>[] {
  const seen = new Set<string>();
  return items.map((item) => {
    const id = idOf(item);
    if (seen.has(id)) throw new RangeError(`id ${JSON.stringify(id)} appears twice in the lottery`);
    seen.add(id);
    return { item, ticket: lotteryTicket(seed, id) };
  });
}

function byTicket<T>(a: Drawn<T>, b: Drawn<T>): number {
  // Distinct ids never share a ticket (that would be a SHA-256 collision).
  if (a.ticket === b.ticket) return 0;
  return a.ticket < b.ticket ? -1 : 1;
}
