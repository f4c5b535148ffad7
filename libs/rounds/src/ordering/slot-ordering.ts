import { ScoreParts } from './scoring';

export interface Applicant {
  studentId: string;
  score: ScoreParts;
}

/**
 * A slot's strict order of its applicants: the host's own ranking first, in the host's order;
 * then every applicant the host left unranked, by score, ties broken by the round's single
 * lottery (`tickets`: each student's ticket from `lotteryTickets(round.seed, ...)`, lowest
 * first, the same at every slot). The run, the applicant list and the demo all use this one
 * function.
 */
export function orderApplicants(
  applicants: readonly Applicant[],
  hostRanking: readonly string[],
  tickets: ReadonlyMap<string, string>,
): string[] {
  const ranked = new Set(hostRanking);
  const unranked = applicants
    .filter((applicant) => !ranked.has(applicant.studentId))
    .map((applicant) => ({
      id: applicant.studentId,
      score: applicant.score.total,
      ticket: ticketOf(tickets, applicant.studentId),
    }))
    .sort((a, b) => b.score - a.score || (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0));
  return [...hostRanking, ...unranked.map((item) => item.id)];
}

function ticketOf(tickets: ReadonlyMap<string, string>, studentId: string): string {
  const ticket = tickets.get(studentId);
  if (ticket === undefined) throw new Error(`no lottery ticket for student ${studentId}`);
  return ticket;
}
