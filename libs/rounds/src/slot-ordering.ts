import { rankByScore } from '@app/matching';
import { ScoreParts } from './scoring';

export interface Applicant {
  studentId: string;
  score: ScoreParts;
}

/**
 * A slot's strict order of its applicants: the host's own ranking first, in the host's order;
 * then every applicant the host left unranked, by score, ties broken by the round's lottery.
 * The run, the explanations and the exported instance all use this one function.
 */
export function orderApplicants(
  applicants: readonly Applicant[],
  hostRanking: readonly string[],
  seed: string,
): string[] {
  const ranked = new Set(hostRanking);
  const unranked = applicants
    .filter((applicant) => !ranked.has(applicant.studentId))
    .map((applicant) => ({ id: applicant.studentId, score: applicant.score.total }));
  return [...hostRanking, ...rankByScore(unranked, seed).map((item) => item.id)];
}
