/** The alliance's three focus areas, used as interest tags on students and slots. */
export const FOCUS_AREAS = [
  'education-research-innovation',
  'biotech-production',
  'green-transition',
] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

export const FOCUS_AREA_NAMES: Record<FocusArea, { da: string; en: string }> = {
  'education-research-innovation': {
    da: 'Uddannelse, forskning og innovation',
    en: 'Education, research and innovation',
  },
  'biotech-production': {
    da: 'Biotekproduktion, procesindustri og Industri 4.0',
    en: 'Biotech production, process industry and Industry 4.0',
  },
  'green-transition': {
    da: 'Bæredygtighed og grøn omstilling',
    en: 'Sustainability and the green transition',
  },
};

export const LANGUAGES = ['da', 'en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * A focus area as a file names it: its code, or its Danish or English name as the web app shows
 * it, in any letter case. Anything else is returned as given, for the DTO's rule to refuse.
 */
export function focusAreaOf(cell: string): string {
  const wanted = cell.trim().toLocaleLowerCase('da');
  const found = FOCUS_AREAS.find(
    (code) =>
      code === wanted ||
      FOCUS_AREA_NAMES[code].da.toLocaleLowerCase('da') === wanted ||
      FOCUS_AREA_NAMES[code].en.toLocaleLowerCase('da') === wanted,
  );
  return found ?? cell;
}
