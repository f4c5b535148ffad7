import { useI18n } from '../i18n/i18n';

/** Where a count stands: a group's own figure, or a total over the groups. */
export type CountPlace = 'group' | 'total';

/**
 * How a count of people reads (the api sends a withheld one as null): in a group, withheld
 * means 1 to 4 people ("<5"); a total is withheld when one of its groups is, so that nobody can
 * work the small one out by subtraction, and may itself be large, so it reads "skjult".
 */
export function useCountText(): (value: number | null, place?: CountPlace) => string {
  const { t, number } = useI18n();
  return (value, place = 'group') =>
    value === null ? t(place === 'total' ? 'pipeline.hidden' : 'pipeline.small') : number(value);
}
